package org.originhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** {@code report.md} of a soak: the verdict first, then the load, the loss check, each series' slope, the samples. */
final class SoakReport {

    private SoakReport() {
    }

    static Path write(SoakResults r, Path directory) throws IOException {
        StringBuilder b = new StringBuilder();
        SoakVerdict v = r.verdict;
        b.append("# Origin Hub soak\n\n");
        b.append(f("Run of %s, %s in all. `./hub bench --soak %s`: %d cores, Java %s; hub, embedded database and load "
                + "generator on the same machine. Hub settings: `HUB_JAVA_OPTS=%s`, `HUB_DELIVERY_POLL=%s`, "
                + "`HUB_DELIVERY_BATCH=%s`, `HUB_DELIVERY_RETRY_FIRST=%s`.\n\n",
                r.startedAt.truncatedTo(ChronoUnit.SECONDS), minutes(Duration.between(r.startedAt, r.finishedAt)),
                SoakDuration.format(r.options.soak), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), env("HUB_JAVA_OPTS", "-Xmx512m (default)"),
                env("HUB_DELIVERY_POLL", "PT2S (default)"), env("HUB_DELIVERY_BATCH", "20 (default)"),
                env("HUB_DELIVERY_RETRY_FIRST", "PT1M (default)")));
        b.append(f("**Verdict: %s.**%s%s\n\n", v.passed() ? "PASSED" : "FAILED",
                v.passed() ? " Nothing judged grew faster than allowed, and every document the hub accepted was "
                        + "delivered." : " " + String.join("; ", v.reasons()) + ".",
                v.notJudged().isEmpty() ? "" : " Not judged on a run shorter than "
                        + SoakDuration.format(SoakVerdict.MEMORY_JUDGED_FROM) + " (slope reported only): "
                        + String.join(", ", v.notJudged()) + "."));

        b.append("## Load\n\n| what | figure |\n|---|---|\n");
        b.append(f("| maximum, closed loop at concurrency %d (%,d submissions) | %.1f submissions/s |\n",
                r.options.concurrency, r.maximum.calls(), r.maximum.perSecond()));
        b.append(f("| soak rate, open loop (half the maximum) | %.1f submissions/s for %s |\n", r.rate,
                SoakDuration.format(r.options.soak)));
        b.append(f("| submitted / failed after a gateway's resends | %,d / %,d |\n", r.submissions.calls(),
                r.submissions.failures()));
        b.append(f("| resends after InternalError or ServiceUnavailable (same SenderMessageId) | %,d |\n", r.resends));
        Latencies.Summary s = r.submissions.latencies().summary();
        b.append(f("| receipt latency over the whole soak, p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |\n",
                s.p50(), s.p95(), s.p99(), s.max()));
        b.append(f("| deliveries UG's simulator answered ServiceUnavailable (every %dth) | %,d |\n", Soak.FAIL_EVERY,
                r.failedDeliveries));
        b.append(f("| documents TZ pulled and acknowledged (failed pulls) | %,d (%d) |\n", r.pulled,
                r.pullFailures));
        b.append(f("| registry changes through the admin API (failed) | %d (%d): a signer of KE's authority added "
                + "each minute, the previous one revoked |\n", r.registryChanges, r.failedRegistryChanges));
        b.append(f("| directory serial before / after the soak | %d / %d |\n\n", r.directorySerialBefore,
                r.directorySerialAfter));

        LossCheck l = r.loss;
        b.append("## Nothing accepted is lost\n\n");
        b.append(f("The load stopped, the queue drained in %.1f s (at most 180 s), then every document of the soak was "
                + "looked up in the database by its SenderMessageId.\n\n", r.drainSeconds));
        b.append("| accepted | receipted | stored | DELIVERED | of them by PUSH after a retry | receipted but "
                + "missing | stored, not DELIVERED | lost |\n|---|---|---|---|---|---|---|---|\n");
        b.append(f("| %,d | %,d | %,d | %,d | %,d | %,d | %,d | **%,d** |\n\n", l.accepted(), l.receipted(),
                l.stored(), l.delivered(), l.deliveredOnRetry(), l.missing(), l.notDelivered(), l.lost()));

        b.append("## Growth per hour\n\n");
        b.append(f("Least squares over the %d samples whose minute starts after the first 20 %% of the run (the "
                + "warm-up). A series fails when the lower one-sided 95 %% confidence bound of its slope is above "
                + "the allowed growth (docs/performance.md, \"Soak\").\n\n",
                SoakVerdict.afterWarmUp(r.samples, r.options.soak).size()));
        b.append("| series | mean | slope per hour | 95 % lower bound | allowed per hour | verdict |\n"
                + "|---|---|---|---|---|---|\n");
        for (SoakVerdict.Series series : v.series()) {
            Trend t = series.trend();
            String unit = series.rule().unit().isEmpty() ? "" : " " + series.rule().unit();
            b.append(f("| %s | %.1f%s | %+.1f%s | %+.1f | %.1f | %s |\n", series.rule().name(), t.mean(), unit,
                    t.slopePerHour(), unit, t.lowerBound95(), series.allowedPerHour(),
                    !series.judged() ? "not judged (run < " + SoakDuration.format(SoakVerdict.MEMORY_JUDGED_FROM)
                            + ")" : series.passed() ? "pass" : "**FAIL**"));
        }
        b.append('\n');

        b.append("## Each minute\n\n");
        b.append("Gauges read at the end of the minute; heap after GC: the lowest after any collection in the minute "
                + "(the hub's `-Xlog:gc` file); latency: the submissions due in the minute. For context, not judged: "
                + "the hub's CPU over the minute (% of one core) and the whole machine's busy time (% of all its "
                + "cores), where other work on a shared machine shows.\n\n");
        b.append("| minute | RSS MB | heap after GC MB | threads | open fds | db connections | receipt p50 ms | "
                + "receipt p99 ms | pending | submitted | failed | registry change | hub CPU % | machine busy % |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SoakSample m : r.samples) {
            b.append(f("| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.0f | %,d | %d | %s | %.0f | %.0f |\n",
                    m.minute(), m.rssMb(), m.heapAfterGcMb(), m.threads(), m.fileDescriptors(), m.connections(),
                    m.receiptP50Ms(), m.receiptP99Ms(), m.pending(), m.submitted(), m.failed(),
                    m.registryChanged() ? "yes" : "FAILED", m.hubCpuPercent(), m.machineBusyPercent()));
        }
        b.append("\nChart: `soak.png` beside this report.\n");
        Path file = directory.resolve("report.md");
        Files.writeString(file, b.toString());
        return file;
    }

    private static String minutes(Duration d) {
        return f("%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
