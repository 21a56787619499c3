package org.originhub.hub.retention.control;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long payloads are kept, from {@code HUB_PAYLOAD_RETENTION}: an ISO-8601 period ({@code P10Y}, {@code P18M},
 * {@code P3650D}) counted in calendar terms in UTC, or a duration ({@code PT12H}, {@code P2DT3H}). It must be
 * positive: a zero retention would purge a document the moment it is delivered.
 */
public final class RetentionPolicy {

    public static final String KEY = "HUB_PAYLOAD_RETENTION";
    public static final String DEFAULT = "P10Y";

    private final String text;
    private final Period period;
    private final Duration duration;

    private RetentionPolicy(String text, Period period, Duration duration) {
        this.text = text;
        this.period = period;
        this.duration = duration;
    }

    /** @throws IllegalArgumentException naming the key, for anything but a positive ISO-8601 period or duration */
    public static RetentionPolicy parse(String value) {
        String text = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        try {
            if (text.contains("T")) {
                Duration duration = Duration.parse(text);
                if (!duration.isNegative() && !duration.isZero()) {
                    return new RetentionPolicy(text, null, duration);
                }
            } else {
                Period period = Period.parse(text);
                if (!period.isNegative() && !period.isZero()) {
                    return new RetentionPolicy(text, period, null);
                }
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(KEY + " must be an ISO-8601 period or duration such as P10Y, P3650D "
                    + "or PT12H, not '" + value + "'", e);
        }
        throw new IllegalArgumentException(KEY + " must be positive, not '" + value + "'");
    }

    /** Payloads of documents received before this instant are due for purging at {@code now}. */
    public Instant cutoff(Instant now) {
        return period != null ? now.atZone(ZoneOffset.UTC).minus(period).toInstant() : now.minus(duration);
    }

    @Override
    public String toString() {
        return text;
    }
}
