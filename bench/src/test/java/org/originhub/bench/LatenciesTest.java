package org.originhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bench's own arithmetic: percentiles by nearest rank, failures counted, options as the launcher passes them. */
class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(ms * 1_000_000L);
        }
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(95)).isEqualTo(95.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.maxMillis()).isEqualTo(100.0);
        assertThat(new Latencies().percentileMillis(99)).isNaN();
    }

    @Test
    void aLoadRunCountsEveryCallAndItsFailures() {
        AtomicInteger calls = new AtomicInteger();
        Load.Result result = Load.closed("t", 50, 4, i -> {
            calls.incrementAndGet();
            if (i % 10 == 0) {
                throw new IllegalStateException("refused " + i);
            }
        });
        assertThat(calls).hasValue(50);
        assertThat(result.failures()).isEqualTo(5);
        assertThat(result.latencies().count()).isEqualTo(45);
        assertThat(result.errors()).isNotEmpty().allMatch(e -> e.startsWith("IllegalStateException: refused"));
    }

    @Test
    void quickMakesASmallRunUnlessTheCountIsGiven() {
        Options quick = Options.parse(new String[] {"--db-url", "jdbc:mysql://x/hub", "--hub-pid", "1", "--quick"},
                "secret");
        assertThat(quick.count).isEqualTo(300);
        assertThat(quick.store).isEqualTo(20_000);
        Options given = Options.parse(new String[] {"--db-url", "jdbc:mysql://x/hub", "--hub-pid", "1", "--quick",
                "--count", "120"}, "secret");
        assertThat(given.count).isEqualTo(120);
        assertThatThrownBy(() -> Options.parse(new String[] {"--db-url", "jdbc:mysql://x/hub", "--hub-pid", "1"},
                null)).hasMessageContaining("HUB_ADMIN_PASSWORD");
    }

    @Test
    void theStartTimeIsReportedOnlyWhenTheLauncherGaveIt() {
        Options timed = Options.parse(new String[] {"--db-url", "jdbc:mysql://x/hub", "--hub-pid", "1",
                "--start-to-ready", "17.4"}, "secret");
        assertThat(timed.startToReadySeconds).isEqualTo(17.4);
        Options untimed = Options.parse(new String[] {"--db-url", "jdbc:mysql://x/hub", "--hub-pid", "1"}, "secret");
        assertThat(untimed.startToReadySeconds).isNegative();
    }
}
