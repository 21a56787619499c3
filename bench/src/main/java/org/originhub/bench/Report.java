package org.originhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** {@code report.md}: the figures of one run, as ratios against the targets first, then the detail. */
final class Report {

    private Report() {
    }

    static Path write(Results r, Path directory) throws IOException {
        StringBuilder b = new StringBuilder();
        Options o = r.options;
        Results.Main m = r.main;
        double submitRate = m.submissions.perSecond();
        double baselineRate = r.baseline.perSecond();
        double pullRate = r.pulledDocuments / r.pull.seconds();
        double halfP99 = r.halfRate.latencies().percentileMillis(99);
        double rssMb = Math.max(r.rssPeakKb, r.rssHighWaterKb) / 1024.0;

        b.append("# Origin Hub benchmark\n\n");
        b.append(f("Run of %s, %s. `./hub bench --count %d --concurrency %d%s`: %d cores, Java %s; hub, %s "
                + "and load generator on the same machine; the hub signs with an RSA-%d key. PUSH delivery settings "
                + "of the hub under test: `HUB_DELIVERY_POLL=%s`, `HUB_DELIVERY_BATCH=%s`.\n\n",
                r.startedAt.truncatedTo(ChronoUnit.SECONDS), duration(r.startedAt, r.finishedAt), o.count,
                o.concurrency, o.quick ? " --quick" : "", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), databaseName(o.database), r.hubKeyBits,
                env("HUB_DELIVERY_POLL", "PT2S (default)"),
                env("HUB_DELIVERY_BATCH", "20 (default)")));
        if (r.mainCpu != null && r.mainCpu.machineBusyPercent() > 0) {
            b.append(f("During the main run the machine (%d cores) was %.0f%% busy; the hub took %.0f%%, the database "
                    + "%.0f%% and the load generator %.0f%% of one core: the rest was other work on a shared "
                    + "machine, which is why the figures that matter are ratios against a baseline measured in the "
                    + "same run.\n\n", r.mainCpu.cores(), r.mainCpu.machineBusyPercent(), r.mainCpu.hubPercent(),
                    r.mainCpu.databasePercent(), r.mainCpu.benchPercent()));
        }

        b.append(f("Submissions the hub answered InternalError (and the bench resent with the same SenderMessageId, "
                + "as a gateway would): **%,d** (expected 0: the hub retries its own database conflicts; a deadlock "
                + "it met is logged at WARNING, \"rolled back by a database deadlock\", see docs/operations.md, "
                + "\"Database notes\").\n\n", r.retries.get()));
        b.append("## Against the targets\n\n| measure | measured | target | met |\n|---|---|---|---|\n");
        // the targets of issue 18 ("The cost of a CO"), each against the same run's figures
        RunFigures figures = RunFigures.of(r);
        b.append(f("| single-document submissions / baseline signed round trips | **%.2f** (%.1f/s ÷ %.1f/s) | >= 0.45 "
                + "| %s |\n", submitRate / baselineRate, submitRate, baselineRate, met(submitRate / baselineRate >= 0.45)));
        if (!Double.isNaN(figures.hubCpuMillisPerCo())) {
            b.append(f("| hub CPU per CO, main run (all nodes) | **%.1f ms** | <= 40 ms | %s |\n", figures.hubCpuMillisPerCo(),
                    met(figures.hubCpuMillisPerCo() <= 40)));
        }
        if (!Double.isNaN(figures.selectsPerCo())) {
            b.append(f("| SELECTs per CO, main run | **%.1f** | <= 8 | %s |\n", figures.selectsPerCo(),
                    met(figures.selectsPerCo() <= 8)));
        }
        b.append(f("| batched pull delivery (" + HubBench.PULL_BATCH + " per signed response) | **%.0f COs/s** | >= 1,000 "
                + "| %s |\n", pullRate,
                met(pullRate >= 1000)));
        b.append(f("| p99 hub-receipt latency at half the maximum rate (%.1f/s) | **%.1f ms** | < 100 ms | %s |\n",
                r.halfRateTarget, halfP99, met(halfP99 < 100)));
        b.append(f("| hub RSS, peak | **%.0f MB** | < 768 MB | %s |\n", rssMb, met(rssMb < 768)));
        if (o.startToReadySeconds >= 0) {
            b.append(f("| start to ready (the hub launched, its database up, until /health/ready is UP) | **%.1f s** "
                    + "| < 20 s | %s |\n", o.startToReadySeconds, met(o.startToReadySeconds < 20)));
        }
        b.append('\n');

        bareStack(b, r);
        against(b, r);
        b.append("## Throughput\n\n| what | calls | seconds | per second | failures |\n|---|---|---|---|---|\n");
        if (r.echoBefore != null) {
            row(b, "bare signed echo, before the baseline", r.echoBefore);
        }
        row(b, "baseline: signed GetDirectory round trip (not modified)", r.baseline);
        if (r.echoAfter != null) {
            row(b, "bare signed echo, after the baseline", r.echoAfter);
        }
        row(b, "ValidateDocument (same CO, every check, nothing stored)", r.validate);
        row(b, "SubmitDocument, main run (receipt = stored)", m.submissions);
        b.append(f("| end to end: submitted -> delivered -> acknowledged | %,d | %.1f | %.1f COs/s | %d undelivered, "
                + "%d unacknowledged |\n", m.submissions.calls(), m.endToEndSeconds,
                m.submissions.calls() / m.endToEndSeconds, m.undelivered, m.unacknowledged));
        b.append(f("| PullDocuments by tracking number, " + HubBench.PULL_BATCH + " per response (backlog) | %,d documents in %,d pulls%s "
                + "| %.1f | %.0f COs/s | %d |\n", r.pulledDocuments, r.pull.calls(), r.backlog.failures() == 0 ? ""
                        : f(" (%,d of the backlog's %,d submissions failed)", r.backlog.failures(), r.backlog.calls()),
                r.pull.seconds(), pullRate, r.pull.failures()));
        b.append(f("| AcknowledgeDelivery of the backlog, " + HubBench.PULL_BATCH + " per signed call (contract 1.1) | %,d documents in %,d "
                + "calls | %.1f | %.0f COs/s | %d |\n", r.acknowledgedDocuments, r.ack.calls(), r.ack.seconds(),
                r.acknowledgedDocuments / r.ack.seconds(), r.ack.failures()));
        row(b, "SubmitDocument at half the maximum rate (open loop)", r.halfRate);
        row(b, "CheckSigner (" + r.lookupsSmall.what + ")", r.lookupsSmall.checkSigner);
        row(b, "GetDocumentStatus (" + r.lookupsSmall.what + ")", r.lookupsSmall.documentStatus);
        b.append('\n');

        b.append("## Latency (ms)\n\nReceipt: the SubmitDocument round trip at the gateway. Delivery: from the hub's "
                + "`receivedAt` to the document's arrival at the PUSH simulator, or to the end of the pull that "
                + "brought it. Acknowledgement: from `receivedAt` to the hub's `acknowledgedAt` (GetTrackingInfo).\n\n"
                + "| what | count | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
        lat(b, "receipt (main run, concurrency " + o.concurrency + ")", m.submissions.latencies());
        lat(b, "receipt at half the maximum rate", r.halfRate.latencies());
        lat(b, "delivery, PUSH", m.pushDelivery);
        lat(b, "delivery, PULL (TZ pulls " + HubBench.PULL_BATCH + " at a time)", m.pullDelivery);
        lat(b, "acknowledgement, PUSH", m.pushAck);
        lat(b, "acknowledgement, PULL", m.pullAck);
        lat(b, "baseline round trip", r.baseline.latencies());
        if (r.echoBefore != null) {
            lat(b, "bare signed echo (before the baseline)", r.echoBefore.latencies());
            lat(b, "bare signed echo (after the baseline)", r.echoAfter.latencies());
        }
        lat(b, "ValidateDocument", r.validate.latencies());
        lat(b, "PullDocuments of " + HubBench.PULL_BATCH, r.pull.latencies());
        lat(b, "AcknowledgeDelivery of " + HubBench.PULL_BATCH, r.ack.latencies());
        b.append('\n');

        b.append("## CPU and memory of the hub process\n\n");
        if (r.mainCpu != null) {
            b.append(f("Main run (%.0f s): hub %.0f%%, database %.0f%%, load generator %.0f%% (percent of one core; "
                    + "%d cores); machine %.0f%% busy. CPU per CO end to end: hub %.1f ms, database %.1f ms.\n\n",
                    r.mainCpu.seconds(), r.mainCpu.hubPercent(), r.mainCpu.databasePercent(), r.mainCpu.benchPercent(),
                    r.mainCpu.cores(), r.mainCpu.machineBusyPercent(), r.mainCpu.hubMillisPer(m.submissions.calls()),
                    r.mainCpu.databaseMillisPer(m.submissions.calls())));
            nodes(b, r);
            databaseNodes(b, r);
        }
        b.append(f("Hub RSS: peak while sampled %.0f MB (after the main run %.0f MB); VmHWM (peak since start) %.0f MB."
                + "\n\n", r.rssPeakKb / 1024.0, r.rssAfterMainKb / 1024.0, r.rssHighWaterKb / 1024.0));

        b.append("## Database statements\n\nFrom the server's own counters (SHOW GLOBAL STATUS), per CO of the main run "
                + "(submitted, delivered, acknowledged, tracked once) and per document of the batched pull and its "
                + "acknowledgement. Row lock waits are mostly the audit chain head, which every audited change takes "
                + "last." + (o.database.equals("galera") ? " On Galera these are the counters of the node the hub "
                + "writes through (the first node of the failover URL, which the bench's own connection reaches too); "
                + "the other nodes apply the replicated rows without counting statements." : "")
                + "\n\n| counter | main run | per CO | pull + ack | per document |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, String> c : DatabaseCounters.NAMES.entrySet()) {
            Long main = r.mainStatements.get(c.getKey());
            Long pull = r.pullStatements.get(c.getKey());
            if (main == null || pull == null) {
                continue;
            }
            b.append(f("| %s | %,d | %.1f | %,d | %.2f |\n", c.getValue(), main,
                    main / (double) Math.max(1, m.submissions.calls()), pull,
                    pull / (double) Math.max(1, r.pulledDocuments)));
        }
        b.append('\n');

        b.append("## Growth runs\n\nShorter runs of single-document submissions to the PUSH members, at the same "
                + "concurrency.\n\n| run | members | messages in store | submissions/s | p50 ms | p99 ms |\n"
                + "|---|---|---|---|---|---|\n");
        growth(b, r.members10, r.members10.members, r.members10.store);
        growth(b, r.members200, r.members200.members, r.members200.store);
        growth(b, r.largeStore, r.members200.members, r.storeLarge);
        b.append(f("\nRatios: %d vs %d members **%.2f**; a store of %,d vs %,d messages **%.2f** (the large store "
                + "seeded in SQL in %.0f s, see StoreSeeder).\n\n", r.members200.members, r.members10.members,
                r.members200.result.perSecond() / r.members10.result.perSecond(), r.storeLarge, r.storeSmall,
                r.largeStore.result.perSecond() / r.members200.result.perSecond(), r.seedSeconds));
        b.append("| lookup | store | per second | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
        lookup(b, "CheckSigner", r.lookupsSmall.what, r.lookupsSmall.checkSigner);
        lookup(b, "GetDocumentStatus", r.lookupsSmall.what, r.lookupsSmall.documentStatus);
        lookup(b, "CheckSigner", r.lookupsLarge.what + " (" + String.format("%,d", r.storeLarge) + ")",
                r.lookupsLarge.checkSigner);
        lookup(b, "GetDocumentStatus", r.lookupsLarge.what + " (" + String.format("%,d", r.storeLarge) + ")",
                r.lookupsLarge.documentStatus);
        b.append('\n');

        profile(b, "main run", r.profile, "hub.jfr");
        profile(b, "batched pull and acknowledgement", r.pullProfile, "hub-pull.jfr");

        b.append("## Method\n\n"
                + "- The baseline is a signed round trip on the hub itself: GetDirectory with the current serial, "
                + "answered \"not modified\". It passes the same HTTP listener, CXF servlet and WS-Security pipeline "
                + "as SubmitDocument (request signed by the same gateway key, RSA-SHA256, exclusive C14N, SHA-256, "
                + "verified, trust and registry checked, replay guard; response signed by the hub key and verified by "
                + "the kit) but does no business work: the most the crypto and SOAP layers of this deployment allow.\n"
                + "- The bare signed echo is a WAR of its own (bench/echo) on the hub's Payara Micro, beside the hub: "
                + "CXF and WSS4J as the hub bundles them, the same profile both ways (a 1 kB payload signed by an "
                + "RSA-2048 key the bench made for the run, verified and pinned; the answer signed by the echo's own "
                + "RSA-2048 key and verified by a client built like the kit's), and nothing else. Measured at the same "
                + "concurrency right before and right after the baseline: their mean is what the stack itself allows, "
                + "the two apart say how steady the machine was. Its classes add to the hub process's memory.\n"
                + "- The main run submits single documents (KE->UG and UG->KE pushed to simulators, KE->TZ and UG->TZ "
                + "pulled by TZ up to " + HubBench.PULL_BATCH + " at a time, again at once while more wait, else after "
                + HubBench.PULL_POLL_MILLIS + " ms, each pull acknowledged in one signed call, contract 1.1) at the "
                + "given concurrency, closed loop.\n"
                + "- Batched pull: a backlog for TZ pulled by tracking number, " + HubBench.PULL_BATCH
                + " per signed response, at the same concurrency; then acknowledged " + HubBench.PULL_BATCH
                + " per signed call.\n"
                + "- Half rate: submissions open loop at half the main run's rate; latency counts from when each call "
                + "was due.\n"
                + "- Members beyond the three REST-registered ones and the large store are seeded in SQL (see "
                + "`BenchCommunity.addMembers`, `StoreSeeder`).\n");
        Path file = directory.resolve("report.md");
        Files.writeString(file, b.toString());
        return file;
    }

    /** Per-node CPU of a run on several nodes: how evenly the balancer spread the work. */
    private static void nodes(StringBuilder b, Results r) {
        double[] nodes = r.mainCpu.nodePercents();
        if (nodes.length < 2) {
            return;
        }
        b.append("| hub node (process) | CPU, % of one core | share of the hub's CPU |\n|---|---|---|\n");
        for (int i = 0; i < nodes.length; i++) {
            b.append(f("| node %d (pid %d) | %.0f | %.0f%% |\n", i + 1, r.options.hubPids.get(i), nodes[i],
                    100 * nodes[i] / r.mainCpu.hubPercent()));
        }
        b.append('\n');
    }

    /**
     * The two ratios of the pipeline: the hub's signed round trip against the bare signed echo on the same Payara
     * Micro (what the hub's pipeline costs over the stack it is built on), and submissions against the hub's signed
     * round trip (what the business work costs over the pipeline).
     */
    private static void bareStack(StringBuilder b, Results r) {
        double baseline = r.baseline.perSecond();
        double submissions = r.main.submissions.perSecond();
        b.append("## The hub against the bare stack\n\n");
        if (r.echoBefore == null) {
            b.append(f("No bare echo was deployed beside this hub (`--reuse` measures a hub started without it). "
                    + "Submissions / the hub's signed round trip: **%.2f**.\n\n", submissions / baseline));
            return;
        }
        double echo = r.echoRate();
        b.append("| round trips at concurrency ").append(r.options.concurrency)
                .append(" | per second | ratio |\n|---|---|---|\n");
        b.append(f("| bare signed echo (CXF + WSS4J, the hub's profile, nothing else): before / after the baseline "
                + "| %.1f / %.1f, mean %.1f | |\n", r.echoBefore.perSecond(), r.echoAfter.perSecond(), echo));
        b.append(f("| the hub's signed round trip (the baseline) | %.1f | **%.2f** of the bare echo |\n", baseline,
                baseline / echo));
        b.append(f("| single-document submissions (main run) | %.1f | **%.2f** of the hub's signed round trip "
                + "(%.2f of the bare echo) |\n\n", submissions, submissions / baseline, submissions / echo));
    }

    /**
     * This run against the first run of the same invocation: {@code ./hub bench --nodes N [--db galera]} (one node on
     * the embedded database, then N on the chosen one) or {@code --hub-key-bits A,B} (a hub key of A bits, then of B).
     */
    private static void against(StringBuilder b, Results r) {
        if (r.baseline1 == null) {
            return;
        }
        RunFigures one = r.baseline1;
        RunFigures here = RunFigures.of(r);
        String first = label(one, here);
        String second = label(here, one);
        b.append(f("## %s against %s\n\n", second, first));
        if (here.nodes() != one.nodes() || !here.database().equals(one.database())) {
            b.append(f("The same bench on %s, run first in this invocation on a fresh %s database, against this run "
                    + "on %s%s. All processes share the machine's %d cores, so more nodes cannot run faster here: "
                    + "what the ratios show is the cost per CO of %s, and that the work spreads.\n\n", first,
                    one.database(), second, here.nodes() > 1 ? " behind HAProxy" : "",
                    Runtime.getRuntime().availableProcessors(), cost(one, here)));
        }
        if (here.hubKeyBits() != one.hubKeyBits()) {
            b.append(f("The same bench on a fresh hub whose development key had %d bits, run first in this "
                    + "invocation, against this run with a %d-bit key: the hub signs every answer, receipt, push "
                    + "request and audit checkpoint with it, so the ratios show what the key size costs (the "
                    + "gateways' and the bare echo's keys stay RSA-2048).\n\n", one.hubKeyBits(),
                    here.hubKeyBits()));
        }
        b.append(f("| measure | %s | %s | ratio |\n|---|---|---|---|\n", first, second));
        ratio(b, "single-document submissions / s", one.submitRate(), here.submitRate());
        ratio(b, "end to end COs / s", one.endToEndRate(), here.endToEndRate());
        ratio(b, "baseline signed round trips / s", one.baselineRate(), here.baselineRate());
        if (!Double.isNaN(one.echoRate()) && !Double.isNaN(here.echoRate())) {
            ratio(b, "bare signed echo round trips / s", one.echoRate(), here.echoRate());
            ratio(b, "baseline / bare echo", one.baselineRate() / one.echoRate(),
                    here.baselineRate() / here.echoRate());
        }
        ratio(b, "submissions / baseline", one.submitRate() / one.baselineRate(),
                here.submitRate() / here.baselineRate());
        ratio(b, "hub CPU per CO, ms (all nodes)", one.hubCpuMillisPerCo(), here.hubCpuMillisPerCo());
        if (Double.isFinite(one.databaseCpuMillisPerCo()) && Double.isFinite(here.databaseCpuMillisPerCo())) {
            ratio(b, "database CPU per CO, ms (all database nodes)", one.databaseCpuMillisPerCo(),
                    here.databaseCpuMillisPerCo());
        }
        ratio(b, "database statements per CO", one.statementsPerCo(), here.statementsPerCo());
        ratio(b, "SELECT per CO", one.selectsPerCo(), here.selectsPerCo());
        ratio(b, "batched pull, COs / s", one.pullRate(), here.pullRate());
        ratio(b, "p99 receipt latency at half the maximum rate, ms", one.halfRateP99Millis(),
                here.halfRateP99Millis());
        ratio(b, "hub RSS, peak MB", one.rssPeakMb(), here.rssPeakMb());
        b.append('\n');
    }

    /** "2 nodes on Galera", "1 node": a run's hub nodes and, when it is not the embedded one, its database. */
    static String label(RunFigures run) {
        return run.nodes() + (run.nodes() == 1 ? " node" : " nodes")
                + (run.database().equals("galera") ? " on Galera" : "");
    }

    /** What a run costs over the one it is compared with: the cluster of hub nodes, the database cluster, or both. */
    static String cost(RunFigures one, RunFigures here) {
        String nodes = "the hub cluster (the balancer's hop, the data grid, claims shared through the database)";
        String galera = "the database cluster (every commit certified and replicated to three Galera nodes on the "
                + "same cores)";
        boolean moreNodes = here.nodes() > one.nodes();
        boolean newDatabase = !here.database().equals(one.database());
        if (moreNodes && newDatabase) {
            return nodes + " and of " + galera + " together";
        }
        return newDatabase ? galera : nodes;
    }

    /** Per-node CPU of a database cluster: the node the hub writes through, and the nodes that apply its rows. */
    private static void databaseNodes(StringBuilder b, Results r) {
        double[] nodes = r.mainCpu.databaseNodePercents();
        if (nodes.length < 2) {
            return;
        }
        b.append("| database node (process) | CPU, % of one core | share of the database's CPU |\n|---|---|---|\n");
        for (int i = 0; i < nodes.length; i++) {
            b.append(f("| node %d (pid %d)%s | %.0f | %.0f%% |\n", i + 1, r.options.dbPids.get(i),
                    i == 0 && r.options.database.equals("galera") ? ", written through" : "", nodes[i], 100 * nodes[i] / r.mainCpu.databasePercent()));
        }
        b.append('\n');
    }

    private static String databaseName(String database) {
        return database.equals("galera") ? "a three-node MariaDB Galera cluster" : "embedded MariaDB";
    }

    /**
     * A run as a comparison names it: its nodes and database ({@link #label(RunFigures)}), and its hub key when that
     * differs from the other run's; the key alone when nothing else differs.
     */
    static String label(RunFigures run, RunFigures other) {
        if (run.hubKeyBits() == other.hubKeyBits()) {
            return label(run);
        }
        String key = "hub key RSA-" + run.hubKeyBits();
        boolean sameHub = run.nodes() == other.nodes() && run.database().equals(other.database());
        return sameHub ? key : label(run) + ", " + key;
    }

    private static void ratio(StringBuilder b, String what, double one, double here) {
        b.append(f(one < 10 && here < 10 ? "| %s | %.2f | %.2f | **%.2f** |\n" : "| %s | %.1f | %.1f | **%.2f** |\n",
                what, one, here, here / one));
    }

    private static void row(StringBuilder b, String what, Load.Result r) {
        b.append(f("| %s | %,d | %.1f | %.1f | %d |\n", what, r.calls(), r.seconds(), r.perSecond(), r.failures()));
    }

    private static void lat(StringBuilder b, String what, Latencies l) {
        b.append("| ").append(what).append(" | ").append(l.summary().row()).append(" |\n");
    }

    private static void growth(StringBuilder b, Results.ShortRun run, int members, long store) {
        Latencies.Summary s = run.result.latencies().summary();
        b.append(f("| %s | %d | %,d | %.1f | %.1f | %.1f |\n", run.name, members, store, run.result.perSecond(),
                s.p50(), s.p99()));
    }

    private static void lookup(StringBuilder b, String what, String store, Load.Result r) {
        Latencies.Summary s = r.latencies().summary();
        b.append(f("| %s | %s | %.1f | %.1f | %.1f |\n", what, store, r.perSecond(), s.p50(), s.p99()));
    }

    private static String met(boolean yes) {
        return yes ? "yes" : "**no**";
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }

    private static String duration(java.time.Instant from, java.time.Instant to) {
        Duration d = Duration.between(from, to);
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static void profile(StringBuilder b, String phase, Profiler.Summary p, String file) {
        b.append("## Where the hub's CPU goes (JFR, ").append(phase).append(")\n\n");
        if (p == null || p.samples() == 0) {
            b.append("No profile (jcmd could not attach to the hub process).\n\n");
            return;
        }
        b.append(f("%,d execution samples of the hub process, by the layer of the top frame:\n\n"
                + "| layer | samples | share |\n|---|---|---|\n", p.samples()));
        for (Map.Entry<String, Integer> e : p.layers()) {
            b.append(f("| %s | %,d | %.1f%% |\n", e.getKey(), e.getValue(), 100.0 * e.getValue() / p.samples()));
        }
        b.append("\nHottest top frames:\n\n| frame | share |\n|---|---|\n");
        for (Map.Entry<String, Integer> e : p.topFrames()) {
            b.append(f("| `%s` | %.1f%% |\n", e.getKey(), 100.0 * e.getValue() / p.samples()));
        }
        b.append("\nThe innermost hub method on the sampled stack (which hub code the time is spent under):\n\n"
                + "| hub frame | share |\n|---|---|\n");
        for (Map.Entry<String, Integer> e : p.hubFrames()) {
            b.append(f("| `%s` | %.1f%% |\n", e.getKey(), 100.0 * e.getValue() / p.samples()));
        }
        b.append("\nThe recording is `").append(file)
                .append("` next to this report (`jfr print --events jdk.ExecutionSample`).\n\n");
    }
}
