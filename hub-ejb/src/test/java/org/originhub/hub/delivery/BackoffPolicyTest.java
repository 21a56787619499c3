package org.originhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.originhub.hub.delivery.control.BackoffPolicy;

/** The retry schedule: 1 minute doubling to 1 hour, giving up after 24 hours (and any configured policy). */
class BackoffPolicyTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    @Test
    void theDefaultDoublesFromOneMinuteToOneHour() {
        BackoffPolicy policy = BackoffPolicy.DEFAULT;

        List<Long> minutes = new ArrayList<>();
        for (int failures = 1; failures <= 9; failures++) {
            minutes.add(policy.delayAfter(failures).toMinutes());
        }

        assertThat(minutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(policy.delayAfter(10_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aFailingDeliveryIsTriedUntilTwentyFourHoursAfterItsFirstAttemptThenGivenUp() {
        BackoffPolicy policy = BackoffPolicy.DEFAULT;
        List<Instant> attempts = new ArrayList<>();
        Instant at = T0;
        int failures = 0;
        Optional<Instant> next;
        do {
            attempts.add(at);
            failures++;
            next = policy.next(T0, at, failures);
            at = next.orElse(null);
        } while (next.isPresent());

        // 1+2+4+8+16+32 minutes = 63 minutes, then hourly: the last one exactly at the 24-hour deadline
        assertThat(attempts.get(6)).isEqualTo(T0.plus(Duration.ofMinutes(63)));
        assertThat(attempts.get(7)).isEqualTo(T0.plus(Duration.ofMinutes(123)));
        assertThat(attempts.get(attempts.size() - 1)).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(attempts).hasSize(7 + 22 + 1);
        assertThat(attempts).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aFailureAtOrAfterTheDeadlineGivesUp() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(10));

        assertThat(policy.next(T0, T0.plus(Duration.ofMinutes(9)), 5)).contains(T0.plus(Duration.ofMinutes(10)));
        assertThat(policy.next(T0, T0.plus(Duration.ofMinutes(10)), 6)).isEmpty();
        assertThat(policy.next(T0, T0.plus(Duration.ofHours(3)), 2)).isEmpty();
    }

    @Test
    void configurationIsReadAsIsoDurationsAndBadValuesNameTheirKey() {
        assertThat(BackoffPolicy.parse("PT30S", "PT10M", "PT2H"))
                .isEqualTo(new BackoffPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(2)));
        assertThatThrownBy(() -> BackoffPolicy.parse("1 minute", "PT1H", "PT24H"))
                .hasMessageContaining("HUB_DELIVERY_RETRY_FIRST").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> BackoffPolicy.parse("PT1H", "PT1M", "PT24H"))
                .hasMessageContaining("cannot be shorter");
        assertThatThrownBy(() -> BackoffPolicy.parse("PT0S", "PT1M", "PT24H")).hasMessageContaining("positive");
    }
}
