package org.originhub.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.originhub.hub.exchange.entity.TrackingNumber;

class TrackingNumberTest {

    @Test
    void newNumbersMatchTheContractPatternAndAreUniqueEvenInTheSameMillisecond() {
        Instant now = Instant.parse("2026-05-01T08:00:00.123Z");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String value = TrackingNumber.next(now).value();
            assertThat(seen.add(value)).isTrue();
        }
        assertThat(seen).allMatch(v -> v.matches("OH-[0-9A-HJKMNP-TV-Z]{26}"))
                .allMatch(v -> TrackingNumber.PATTERN.matcher(v).matches());
    }

    @Test
    void laterNumbersSortAfterEarlierOnes() {
        String earlier = TrackingNumber.next(Instant.parse("2026-05-01T08:00:00Z")).value();
        String later = TrackingNumber.next(Instant.parse("2026-05-01T08:00:00.001Z")).value();
        String muchLater = TrackingNumber.next(Instant.parse("2090-01-01T00:00:00Z")).value();

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
    }

    @Test
    void onlyWellFormedValuesAreTrackingNumbers() {
        assertThat(new TrackingNumber("OH-1").value()).isEqualTo("OH-1");
        assertThat(TrackingNumber.isWellFormed("-OH")).isFalse();
        assertThat(TrackingNumber.isWellFormed("OH 1")).isFalse();
        assertThat(TrackingNumber.isWellFormed("x".repeat(65))).isFalse();
        assertThatThrownBy(() -> new TrackingNumber("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
