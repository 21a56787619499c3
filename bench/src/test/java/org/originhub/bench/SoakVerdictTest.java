package org.originhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The soak's arithmetic: the duration it accepts, the slope and its bound, the verdict per series, the loss check. */
class SoakVerdictTest {

    private static final LossCheck NOTHING_LOST = LossCheck.of(Set.of("T1"),
            Map.of("T1", new LossCheck.Stored("DELIVERED", "PUSH", 1)));

    @Test
    void durationsAreSecondsMinutesOrHoursOfAtLeastFourMinutes() {
        assertThat(SoakDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(SoakDuration.parse("60m")).isEqualTo(Duration.ofHours(1));
        assertThat(SoakDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(SoakDuration.parse("300s")).isEqualTo(Duration.ofMinutes(5));
        assertThat(SoakDuration.parse(" 4m ")).isEqualTo(Duration.ofMinutes(4));
        for (String wrong : new String[] {"5", "5 m", "m", "5min", "-5m", "0m", "1.5h", "5M", "", "3m", "239s", "25h"}) {
            assertThatThrownBy(() -> SoakDuration.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--soak");
        }
        assertThatThrownBy(() -> SoakDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SoakDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(SoakDuration.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(SoakDuration.format(Duration.ofSeconds(270))).isEqualTo("270s");
    }

    @Test
    void theSlopeIsLeastSquaresInUnitsPerHour() {
        // y = 100 + 30 * hours, exactly: slope 30 per hour, no error
        double[] hours = {1 / 60.0, 2 / 60.0, 3 / 60.0, 4 / 60.0};
        Trend exact = Trend.fit(hours, new double[] {100.5, 101, 101.5, 102});
        assertThat(exact.slopePerHour()).isCloseTo(30, within(1e-9));
        assertThat(exact.standardError()).isCloseTo(0, within(1e-9));
        assertThat(exact.mean()).isCloseTo(101.25, within(1e-9));
        assertThat(exact.lowerBound95()).isCloseTo(30, within(1e-9));

        // noise around a flat line: x = 1..5, y = 1, 3, 2, 4, 2 -> slope 0.3 per x unit
        Trend noisy = Trend.fit(new double[] {1, 2, 3, 4, 5}, new double[] {1, 3, 2, 4, 2});
        assertThat(noisy.slopePerHour()).isCloseTo(0.3, within(1e-9));
        // residuals -0.8, 0.9, -0.4, 1.3, -1.0: their squares sum to 4.3, over 3 degrees of freedom, Sxx 10
        assertThat(noisy.standardError()).isCloseTo(Math.sqrt(4.3 / 3 / 10), within(1e-9));
        assertThat(noisy.lowerBound95()).isCloseTo(0.3 - 2.353 * Math.sqrt(4.3 / 30), within(1e-9));
    }

    @Test
    void unmeasuredSamplesAreLeftOutAndTooFewHaveNoBound() {
        Trend gaps = Trend.fit(new double[] {1, 2, 3, 4}, new double[] {2, Double.NaN, 6, 8});
        assertThat(gaps.samples()).isEqualTo(3);
        assertThat(gaps.slopePerHour()).isCloseTo(2, within(1e-9));
        assertThat(Trend.fit(new double[] {1, 2}, new double[] {1, 2}).lowerBound95()).isNaN();
        assertThat(Trend.fit(new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}).samples()).isZero();
        assertThat(Trend.t95(1)).isEqualTo(6.314);
        assertThat(Trend.t95(30)).isEqualTo(1.697);
        assertThat(Trend.t95(200)).isEqualTo(1.645);
    }

    @Test
    void theWarmUpIsTheMinutesThatStartInTheFirstFifthOfTheRun() {
        List<SoakSample> five = samples(5, m -> 500, m -> 100);
        assertThat(SoakVerdict.afterWarmUp(five, Duration.ofMinutes(5))).extracting(SoakSample::minute)
                .containsExactly(2, 3, 4, 5);
        List<SoakSample> hour = samples(60, m -> 500, m -> 100);
        assertThat(SoakVerdict.afterWarmUp(hour, Duration.ofHours(1))).hasSize(48)
                .first().extracting(SoakSample::minute).isEqualTo(13);
    }

    @Test
    void flatSeriesWithNothingLostPass() {
        SoakVerdict verdict = SoakVerdict.of(samples(10, m -> 600 + (m % 2) * 3, m -> 150 + m % 3), Duration.ofMinutes(10),
                10, NOTHING_LOST, 0, 0);
        assertThat(verdict.series()).allMatch(SoakVerdict.Series::passed);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aSteadyLeakFailsEvenWhenShortAndAWarmUpJumpDoesNot() {
        // threads: +1 a minute = 60 per hour on a mean of about 155, allowed 5 % of it (about 7.8)
        SoakVerdict leaking = SoakVerdict.of(samples(10, m -> 600, m -> 150 + m), Duration.ofMinutes(10), 10,
                NOTHING_LOST, 0, 0);
        assertThat(series(leaking, "hub threads").passed()).isFalse();
        assertThat(series(leaking, "hub threads").trend().slopePerHour()).isCloseTo(60, within(1e-6));
        assertThat(series(leaking, "hub open file descriptors").passed()).isTrue();
        assertThat(leaking.passed()).isFalse();
        assertThat(leaking.reasons()).singleElement().asString().startsWith("hub threads grows by at least");

        // the same growth only in the warm-up (minutes 1 and 2 of 10), flat after it
        SoakVerdict warming = SoakVerdict.of(samples(10, m -> 600, m -> m <= 2 ? 100 + 20 * m : 150),
                Duration.ofMinutes(10), 10, NOTHING_LOST, 0, 0);
        assertThat(series(warming, "hub threads").passed()).isTrue();
        assertThat(warming.passed()).isTrue();
    }

    @Test
    void memoryIsJudgedOnRunsOfHalfAnHourOrMore() {
        // RSS: +2 MB a minute = 120 MB/h on a mean of about 670 MB, allowed 5 % of it (about 34 MB/h)
        SoakVerdict hour = SoakVerdict.of(samples(60, m -> 600 + 2 * m, m -> 150), Duration.ofHours(1), 10,
                NOTHING_LOST, 0, 0);
        assertThat(series(hour, "hub RSS").judged()).isTrue();
        assertThat(series(hour, "hub RSS").trend().slopePerHour()).isCloseTo(120, within(1e-6));
        assertThat(series(hour, "hub RSS").passed()).isFalse();
        assertThat(hour.passed()).isFalse();
        assertThat(hour.notJudged()).isEmpty();

        // the same on a five-minute run: reported, not judged
        SoakVerdict short5 = SoakVerdict.of(samples(5, m -> 600 + 2 * m, m -> 150), Duration.ofMinutes(5), 10,
                NOTHING_LOST, 0, 0);
        assertThat(series(short5, "hub RSS").judged()).isFalse();
        assertThat(series(short5, "hub RSS").trend().slopePerHour()).isCloseTo(120, within(1e-6));
        assertThat(short5.notJudged()).containsExactly("hub RSS", "hub heap after GC");
        assertThat(short5.passed()).isTrue();

        // an hour whose RSS grows in its first 12 minutes (the warm-up) and is flat after: passes
        SoakVerdict warming = SoakVerdict.of(samples(60, m -> m <= 12 ? 500 + 8 * m : 596 + m % 3, m -> 150),
                Duration.ofHours(1), 10, NOTHING_LOST, 0, 0);
        assertThat(series(warming, "hub RSS").passed()).isTrue();
        assertThat(warming.passed()).isTrue();
    }

    @Test
    void thePendingQueueMayGrowByATenthOfAPercentOfAnHoursSubmissions() {
        // 10 submissions/s: 36,000 an hour, 36 pending more per hour allowed; +1 a minute is 60 per hour
        SoakVerdict growing = SoakVerdict.of(pendingSamples(10, m -> 5 + m), Duration.ofMinutes(10), 10,
                NOTHING_LOST, 0, 0);
        assertThat(series(growing, "pending queue").allowedPerHour()).isCloseTo(36, within(1e-9));
        assertThat(series(growing, "pending queue").passed()).isFalse();
        SoakVerdict bounded = SoakVerdict.of(pendingSamples(10, m -> 5 + m % 3), Duration.ofMinutes(10), 10,
                NOTHING_LOST, 0, 0);
        assertThat(series(bounded, "pending queue").passed()).isTrue();
    }

    @Test
    void anUnmeasuredSeriesOrTooShortARunFails() {
        List<SoakSample> noHeap = new ArrayList<>();
        for (SoakSample s : samples(30, m -> 600, m -> 150)) {
            noHeap.add(new SoakSample(s.minute(), s.rssMb(), Double.NaN, s.threads(), s.fileDescriptors(),
                    s.connections(), s.receiptP50Ms(), s.receiptP99Ms(), s.pending(), s.submitted(), 0, true, 60, 80));
        }
        SoakVerdict verdict = SoakVerdict.of(noHeap, Duration.ofMinutes(30), 10, NOTHING_LOST, 0, 0);
        assertThat(series(verdict, "hub heap after GC").passed()).isFalse();
        assertThat(verdict.reasons()).containsExactly("hub heap after GC: fewer than three samples after the warm-up");
        assertThat(SoakVerdict.of(samples(2, m -> 600, m -> 150), Duration.ofMinutes(2), 10, NOTHING_LOST, 0, 0)
                .passed()).isFalse();
    }

    @Test
    void failedSubmissionsOrRegistryChangesFailTheSoak() {
        List<SoakSample> flat = samples(6, m -> 600, m -> 150);
        assertThat(SoakVerdict.of(flat, Duration.ofMinutes(6), 10, NOTHING_LOST, 0, 0).passed()).isTrue();
        assertThat(SoakVerdict.of(flat, Duration.ofMinutes(6), 10, NOTHING_LOST, 1, 0).reasons())
                .containsExactly("1 submissions failed after a gateway's resends");
        assertThat(SoakVerdict.of(flat, Duration.ofMinutes(6), 10, NOTHING_LOST, 0, 2).reasons())
                .containsExactly("2 registry changes failed");
    }

    @Test
    void theLossCheckCountsWhatWasReceiptedAndStored() {
        LossCheck all = LossCheck.of(Set.of("T1", "T2", "T3"), Map.of(
                "T1", new LossCheck.Stored("DELIVERED", "PUSH", 1),
                "T2", new LossCheck.Stored("DELIVERED", "PUSH", 2),
                "T3", new LossCheck.Stored("DELIVERED", "PULL", 3),
                // stored, its receipt never reached the gateway: accepted all the same
                "T4", new LossCheck.Stored("DELIVERED", "PUSH", 1)));
        assertThat(all.accepted()).isEqualTo(4);
        assertThat(all.delivered()).isEqualTo(4);
        assertThat(all.deliveredOnRetry()).as("PUSH only: a pull counts as an attempt too").isEqualTo(1);
        assertThat(all.lost()).isZero();
        assertThat(all.passed()).isTrue();

        LossCheck lost = LossCheck.of(Set.of("T1", "T2", "T3", "T5"), Map.of(
                "T1", new LossCheck.Stored("DELIVERED", "PUSH", 1),
                "T2", new LossCheck.Stored("PENDING_DELIVERY", "PUSH", 2),
                "T3", new LossCheck.Stored("FAILED_DELIVERY", "PUSH", 9),
                "T4", new LossCheck.Stored("DELIVERED_NOT_READABLE", "PUSH", 1)));
        assertThat(lost.missing()).isEqualTo(1);
        assertThat(lost.notDelivered()).isEqualTo(3);
        assertThat(lost.lost()).isEqualTo(4);
        assertThat(lost.accepted()).isEqualTo(5);
        assertThat(lost.passed()).isFalse();
        assertThat(SoakVerdict.of(samples(6, m -> 600, m -> 150), Duration.ofMinutes(6), 10, lost, 0, 0).reasons())
                .containsExactly("4 accepted documents not delivered (1 missing from the database, 3 in another status)");

        assertThat(LossCheck.of(Set.of(), Map.of()).passed()).as("nothing receipted proves nothing").isFalse();
    }

    @Test
    void gcLogLinesGiveTheHeapAfterTheCollection() {
        assertThat(GcLog.afterGcMb("[61.204s] GC(40) Pause Young (Normal) (G1 Evacuation Pause) 212M->48M(512M) "
                + "6.123ms")).isEqualTo(48.0);
        assertThat(GcLog.afterGcMb("[2.1s] GC(3) Pause Full (System.gc()) 1G->2048K(1G) 80ms")).isEqualTo(2.0);
        assertThat(GcLog.afterGcMb("[0.010s] Using G1")).isNaN();
        assertThat(GcLog.afterGcMb("[70.2s] GC(41) Concurrent Mark Cycle 95.0ms")).isNaN();
    }

    @Test
    void theGcLogIsReadOnFromWhereTheLastReadStopped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("gc.log");
        java.nio.file.Files.writeString(file, "[1.0s] Using G1\n[2.0s] GC(0) Pause Young (Normal) (G1 Evacuation "
                + "Pause) 100M->30M(512M) 3ms\n[3.0s] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 90M->25M(512M) "
                + "3ms\n[4.0s] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 90M->1");
        GcLog log = new GcLog(file);
        assertThat(log.lowestAfterGcMbSinceLastRead()).isEqualTo(25.0);
        assertThat(log.lowestAfterGcMbSinceLastRead()).as("nothing new: the last line is still being written").isNaN();
        java.nio.file.Files.writeString(file, "0M(512M) 3ms\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(log.lowestAfterGcMbSinceLastRead()).isEqualTo(10.0);
        assertThat(new GcLog(dir.resolve("absent.log")).lowestAfterGcMbSinceLastRead()).isNaN();
    }

    private static SoakVerdict.Series series(SoakVerdict verdict, String name) {
        return verdict.series().stream().filter(s -> s.rule().name().equals(name)).findFirst().orElseThrow();
    }

    /** Minutes 1..n with the given RSS and threads; the other series flat around realistic values. */
    private static List<SoakSample> samples(int minutes, IntToDoubleFunction rss, IntToDoubleFunction threads) {
        List<SoakSample> samples = new ArrayList<>();
        for (int m = 1; m <= minutes; m++) {
            samples.add(new SoakSample(m, rss.applyAsDouble(m), 120 + m % 2, threads.applyAsDouble(m), 300, 12,
                    40 + m % 2, 90 + m % 3, 4 + m % 2, 600, 0, true, 60, 80));
        }
        return samples;
    }

    private static List<SoakSample> pendingSamples(int minutes, IntToDoubleFunction pending) {
        List<SoakSample> samples = new ArrayList<>();
        for (SoakSample s : samples(minutes, m -> 600, m -> 150)) {
            samples.add(new SoakSample(s.minute(), s.rssMb(), s.heapAfterGcMb(), s.threads(), s.fileDescriptors(),
                    s.connections(), s.receiptP50Ms(), s.receiptP99Ms(), pending.applyAsDouble(s.minute()),
                    s.submitted(), 0, true, 60, 80));
        }
        return samples;
    }
}
