package org.originhub.hub.users.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock the test moves forward by hand (lockouts expire without waiting). It keeps whole seconds: Connector/J
 * takes MariaDB 10.11 for MySQL 5.5.5 and drops the fractional seconds of bound timestamps, so sub-second instants
 * would not survive a round trip through the embedded database.
 */
final class MutableClock extends Clock {

    private Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
