package org.originhub.registry.certificates.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.registry.certificates.entity.ExpiryThreshold.DAYS_30;
import static org.originhub.registry.certificates.entity.ExpiryThreshold.DAYS_60;
import static org.originhub.registry.certificates.entity.ExpiryThreshold.DAYS_7;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.originhub.registry.certificates.entity.ExpiryThreshold;

class ExpiryWarningsTest {

    private static final Instant NOT_AFTER = Instant.parse("2027-03-01T12:00:00Z");

    private static ExpiryStatus at(Duration beforeExpiry, ExpiryThreshold... raised) {
        Set<ExpiryThreshold> already = EnumSet.noneOf(ExpiryThreshold.class);
        already.addAll(Set.of(raised));
        return ExpiryWarnings.check(NOT_AFTER, NOT_AFTER.minus(beforeExpiry), already);
    }

    @Test
    void nothingIsDueMoreThanSixtyDaysAhead() {
        ExpiryStatus status = at(Duration.ofDays(60).plusSeconds(1));

        assertThat(status.expired()).isFalse();
        assertThat(status.due()).isEmpty();
        assertThat(status.mostUrgent()).isEmpty();
    }

    @Test
    void sixtyDaysAheadTheFirstWarningIsDue() {
        assertThat(at(Duration.ofDays(60)).due()).containsExactly(DAYS_60);
    }

    @Test
    void aRaisedWarningIsNotDueAgain() {
        assertThat(at(Duration.ofDays(45), DAYS_60).due()).isEmpty();
    }

    @Test
    void thirtyDaysAheadTheSecondWarningIsDue() {
        assertThat(at(Duration.ofDays(30), DAYS_60).due()).containsExactly(DAYS_30);
        assertThat(at(Duration.ofDays(30).plusSeconds(1), DAYS_60).due()).isEmpty();
    }

    @Test
    void sevenDaysAheadTheLastWarningIsDue() {
        assertThat(at(Duration.ofDays(7), DAYS_60, DAYS_30).due()).containsExactly(DAYS_7);
        assertThat(at(Duration.ofDays(1), DAYS_60, DAYS_30, DAYS_7).due()).isEmpty();
    }

    @Test
    void missedWarningsAreAllDueAndTheClosestIsTheOneToTell() {
        ExpiryStatus status = at(Duration.ofDays(5));

        assertThat(status.due()).containsExactlyInAnyOrder(DAYS_60, DAYS_30, DAYS_7);
        assertThat(status.mostUrgent()).contains(DAYS_7);
    }

    @Test
    void theCertificateIsStillValidAtItsNotAfter() {
        ExpiryStatus status = at(Duration.ZERO, DAYS_60, DAYS_30, DAYS_7);

        assertThat(status.expired()).isFalse();
    }

    @Test
    void pastItsNotAfterItIsExpiredAndNoWarningIsDue() {
        ExpiryStatus status = ExpiryWarnings.check(NOT_AFTER, NOT_AFTER.plusSeconds(1), Set.of());

        assertThat(status.expired()).isTrue();
        assertThat(status.due()).isEmpty();
    }
}
