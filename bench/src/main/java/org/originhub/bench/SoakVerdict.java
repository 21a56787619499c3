package org.originhub.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak passed: each sampled series fitted after the warm-up (the minutes that start after the first 20 % of
 * the run) and held against what it may grow per hour, and nothing accepted lost.
 *
 * <p>A series fails when it grows faster than allowed with 95 % confidence: the lower one-sided 95 % bound of its
 * least-squares slope ({@link Trend#lowerBound95()}) is above the allowed slope. A short run (four samples after its
 * warm-up) cannot tell a slow leak from noise and so passes unless the growth is steady; a one-hour run (48 samples
 * after its warm-up) narrows the bound. Allowed growth per hour: 5 % of the series' mean for the hub's RSS, its threads
 * (at least 2), its open file descriptors (at least 2) and the database connections (at least 1); 10 % of the mean for
 * its heap after GC (G1's old generation fills between marking cycles: a sawtooth) and (at least 1 ms) for the receipt
 * latency percentiles; for the pending queue 0.1 % of the documents submitted in an hour at the soak's rate (the hub
 * falling behind by one document in a thousand). Fewer than three samples after the warm-up, or a series never
 * measured, fails: the soak does not pass what it did not see.
 *
 * <p>The two memory series are judged only on runs of {@link #MEMORY_JUDGED_FROM} or more; on shorter ones their slope
 * is reported, not judged. Within minutes of a start the JVM still commits heap and code cache and G1's old generation
 * grows towards its next marking cycle: a five-minute run (on this machine +90 MB/h of RSS and +84 MB/h of heap after
 * GC, no mixed collection in the window) cannot tell that from a leak, and extrapolating four minutes to an hour
 * multiplies it by fifteen.
 */
final class SoakVerdict {

    /** Runs this long or longer judge the memory series. */
    static final Duration MEMORY_JUDGED_FROM = Duration.ofMinutes(30);

    /**
     * A series as the report names it, the allowed growth per hour given its mean, and the shortest run that judges
     * it.
     */
    record Rule(String name, String unit, ToDoubleFunction<SoakSample> value, double shareOfMean, double floor,
            Duration judgedFrom) {
        double allowedPerHour(double mean, double submissionsPerHour) {
            if (floor < 0) {
                // the pending queue: a share of the hour's submissions
                return shareOfMean * submissionsPerHour;
            }
            return Math.max(shareOfMean * Math.abs(mean), floor);
        }
    }

    /** One series' verdict; a series not judged (too short a run for it) does not fail the soak. */
    record Series(Rule rule, Trend trend, double allowedPerHour, boolean judged) {
        boolean passed() {
            if (!judged) {
                return true;
            }
            double lower = trend.lowerBound95();
            return !Double.isNaN(lower) && !Double.isNaN(allowedPerHour) && lower <= allowedPerHour;
        }
    }

    /** The sampled series, in report order. A negative floor marks the pending queue's rule. */
    static final List<Rule> RULES = List.of(
            new Rule("hub RSS", "MB", SoakSample::rssMb, 0.05, 0, MEMORY_JUDGED_FROM),
            new Rule("hub heap after GC", "MB", SoakSample::heapAfterGcMb, 0.10, 0, MEMORY_JUDGED_FROM),
            new Rule("hub threads", "", SoakSample::threads, 0.05, 2, Duration.ZERO),
            new Rule("hub open file descriptors", "", SoakSample::fileDescriptors, 0.05, 2, Duration.ZERO),
            new Rule("database connections", "", SoakSample::connections, 0.05, 1, Duration.ZERO),
            new Rule("receipt latency p50", "ms", SoakSample::receiptP50Ms, 0.10, 1, Duration.ZERO),
            new Rule("receipt latency p99", "ms", SoakSample::receiptP99Ms, 0.10, 1, Duration.ZERO),
            new Rule("pending queue", "documents", SoakSample::pending, 0.001, -1, Duration.ZERO));

    private final List<Series> series;
    private final LossCheck loss;
    private final int failedSubmissions;
    private final int failedRegistryChanges;

    private SoakVerdict(List<Series> series, LossCheck loss, int failedSubmissions, int failedRegistryChanges) {
        this.series = series;
        this.loss = loss;
        this.failedSubmissions = failedSubmissions;
        this.failedRegistryChanges = failedRegistryChanges;
    }

    /**
     * @param samples one per minute of the run, in order
     * @param run the soak's length
     * @param rate the submissions per second the soak was run at
     */
    static SoakVerdict of(List<SoakSample> samples, Duration run, double rate, LossCheck loss, int failedSubmissions,
            int failedRegistryChanges) {
        List<SoakSample> kept = afterWarmUp(samples, run);
        double[] hours = kept.stream().mapToDouble(s -> s.minute() / 60.0).toArray();
        List<Series> series = new ArrayList<>();
        for (Rule rule : RULES) {
            Trend trend = Trend.fit(hours, kept.stream().mapToDouble(rule.value()).toArray());
            series.add(new Series(rule, trend, rule.allowedPerHour(trend.mean(), rate * 3600),
                    run.compareTo(rule.judgedFrom()) >= 0));
        }
        return new SoakVerdict(List.copyOf(series), loss, failedSubmissions, failedRegistryChanges);
    }

    /** The samples whose minute starts at or after the first 20 % of the run. */
    static List<SoakSample> afterWarmUp(List<SoakSample> samples, Duration run) {
        double warmUpMinutes = run.toSeconds() / 60.0 * 0.2;
        return samples.stream().filter(s -> s.minute() - 1 >= warmUpMinutes - 1e-9).toList();
    }

    List<Series> series() {
        return series;
    }

    LossCheck loss() {
        return loss;
    }

    int failedSubmissions() {
        return failedSubmissions;
    }

    int failedRegistryChanges() {
        return failedRegistryChanges;
    }

    /** The series this run was too short to judge, by name. */
    List<String> notJudged() {
        return series.stream().filter(s -> !s.judged()).map(s -> s.rule().name()).toList();
    }

    boolean passed() {
        return series.stream().allMatch(Series::passed) && loss.passed() && failedSubmissions == 0
                && failedRegistryChanges == 0;
    }

    /** Why it failed, one reason a line; empty when it passed. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        for (Series s : series) {
            if (!s.passed()) {
                reasons.add(s.trend().samples() < 3 ? s.rule().name() + ": fewer than three samples after the warm-up"
                        : String.format(java.util.Locale.ROOT, "%s grows by at least %.2f %s per hour (95 %% lower "
                                + "bound; slope %.2f), more than the %.2f allowed", s.rule().name(),
                                s.trend().lowerBound95(), s.rule().unit(), s.trend().slopePerHour(),
                                s.allowedPerHour()));
            }
        }
        if (!loss.passed()) {
            reasons.add(loss.receipted() == 0 ? "nothing was receipted"
                    : loss.lost() + " accepted documents not delivered (" + loss.missing() + " missing from the "
                            + "database, " + loss.notDelivered() + " in another status)");
        }
        if (failedSubmissions > 0) {
            reasons.add(failedSubmissions + " submissions failed after a gateway's resends");
        }
        if (failedRegistryChanges > 0) {
            reasons.add(failedRegistryChanges + " registry changes failed");
        }
        return reasons;
    }
}
