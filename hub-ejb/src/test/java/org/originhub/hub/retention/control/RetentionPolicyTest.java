package org.originhub.hub.retention.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2036-03-01T02:40:00Z");

    @Test
    void aPeriodCountsCalendarYearsMonthsAndDaysInUtc() {
        assertThat(RetentionPolicy.parse("P10Y").cutoff(NOW)).isEqualTo(Instant.parse("2026-03-01T02:40:00Z"));
        assertThat(RetentionPolicy.parse("p18m").cutoff(NOW)).isEqualTo(Instant.parse("2034-09-01T02:40:00Z"));
        assertThat(RetentionPolicy.parse(" P3650D ").cutoff(NOW)).isEqualTo(Instant.parse("2026-03-04T02:40:00Z"));
        assertThat(RetentionPolicy.parse("P10Y")).hasToString("P10Y");
    }

    @Test
    void aDurationCountsExactTime() {
        assertThat(RetentionPolicy.parse("PT12H").cutoff(NOW)).isEqualTo(Instant.parse("2036-02-29T14:40:00Z"));
        assertThat(RetentionPolicy.parse("P2DT1S").cutoff(NOW)).isEqualTo(Instant.parse("2036-02-28T02:39:59Z"));
    }

    @Test
    void anythingButAPositivePeriodOrDurationIsRefusedNamingTheKey() {
        for (String bad : new String[] {null, "", "ten years", "P0D", "PT0S", "P-1Y", "PT-5M", "P1YT2H"}) {
            assertThatThrownBy(() -> RetentionPolicy.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HUB_PAYLOAD_RETENTION");
        }
    }
}
