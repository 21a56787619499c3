package org.originhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.Pull;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.simulator.GatewaySimulator;

/**
 * {@code ./hub bench --soak DURATION}: what only time shows. On the bench community (KE and UG receive by PUSH at
 * gateway simulators, TZ pulls), after a warm-up and a short closed-loop run that measures the maximum submission
 * rate, submits for DURATION at half that rate on a fixed schedule (open loop: call i is due at start + i / rate
 * whatever the hub's answers, and its latency counts from then), half pushed and half pulled as the main bench run
 * does. UG's simulator answers every 100th delivery ServiceUnavailable, so the hub's retry path runs all along; TZ
 * pulls and acknowledges in batches. Every minute the gauges are sampled ({@link SoakProbe}) and the registry changes
 * through the admin API (a signer of KE's authority added, the previous minute's revoked). At the end the load stops,
 * the queue drains (bounded), and every document of the soak the hub accepted must be DELIVERED ({@link LossCheck}).
 * {@link SoakVerdict} says whether it passed; {@code report.md} and {@code soak.png} in the output folder show it.
 */
final class Soak {

    /** UG's simulator answers every n-th delivery ServiceUnavailable: 1 % of deliveries fail. */
    static final int FAIL_EVERY = 100;
    private static final int MAXIMUM_CALLS = 600;
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final Duration DRAIN = Duration.ofMinutes(3);

    private final Options options;
    private final String tag = Long.toString(System.currentTimeMillis() % 1_000_000L, 36);
    private final SoakResults results = new SoakResults();
    private final Set<String> receipted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger resends = new AtomicInteger();
    private HubClient ke;
    private HubClient ug;
    private HubClient tz;

    Soak(Options options) {
        this.options = options;
    }

    /** Runs the soak, writes its report and chart; true when it passed. */
    boolean run() throws Exception {
        Files.createDirectories(options.out);
        results.options = options;
        results.startedAt = Instant.now();
        X509Certificate hubCertificate = HubBench.hubCertificate(options);
        BenchCommunity community = new BenchCommunity();
        AdminApi admin = new AdminApi(options.hubUrl, options.adminUser, options.adminPassword);
        say("soak of %s on hub pid %d; GC log %s", SoakDuration.format(options.soak), options.hubPid,
                options.gcLog == null ? "none (heap after GC not sampled)" : options.gcLog);
        Puller puller = null;
        Thread pullThread = null;
        try (Connection db = DriverManager.getConnection(options.dbUrl, options.dbUser, options.dbPassword);
                GatewaySimulator keGateway = simulator(community.ke, hubCertificate, "/gateway/ke");
                GatewaySimulator ugGateway = simulator(community.ug, hubCertificate, "/gateway/ug")) {
            say("seeding the bench community through the admin API");
            community.register(admin, keGateway.url(), ugGateway.url());
            community.retireEarlierGateways(db);
            ke = HubBench.client(options.hubUrl, community.ke, hubCertificate);
            ug = HubBench.client(options.hubUrl, community.ug, hubCertificate);
            tz = HubBench.client(options.hubUrl, community.tz, hubCertificate);
            puller = new Puller();
            pullThread = new Thread(puller, "soak-puller");
            pullThread.start();

            say("warming up: 300 submissions, closed loop");
            Load.closed("warm-up", 300, options.concurrency, i -> submit("SW", i));
            Load.Result maximum = Load.closed("maximum", MAXIMUM_CALLS, options.concurrency, i -> submit("SM", i));
            results.maximum = maximum;
            results.rate = maximum.perSecond() / 2;
            say("maximum: %.1f submissions/s closed loop at concurrency %d; the soak runs at half: %.1f/s",
                    maximum.perSecond(), options.concurrency, results.rate);
            SoakProbe probe = new SoakProbe(options.hubPid, new GcLog(options.gcLog), db);
            awaitQueue(probe, SETTLE, "the maximum run's deliveries");
            probe.heapAfterGcMb(); // from here on: the soak's collections only

            results.directorySerialBefore = ke.directory().serial();
            ugGateway.failEvery(FAIL_EVERY);
            soak(probe, community, admin);
            ugGateway.failEvery(0);
            results.failedDeliveries = ugGateway.unavailableAnswers();
            results.directorySerialAfter = ke.directory().serial();

            say("load stopped; draining the queue (at most %s)", DRAIN);
            long drainStart = System.nanoTime();
            boolean drained = awaitSoakDelivered(db, DRAIN);
            results.drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            if (!drained) {
                say("warning: the soak's documents were not all delivered within %s", DRAIN);
            }
            puller.stop = true;
            pullThread.join();
            results.pulled = puller.pulled.get();
            results.pullFailures = puller.failures.get();
            results.loss = LossCheck.of(Set.copyOf(receipted), stored(db));
        } finally {
            if (puller != null) {
                puller.stop = true;
            }
            if (pullThread != null) {
                pullThread.join(Duration.ofSeconds(70).toMillis());
            }
            for (HubClient c : new HubClient[] {ke, ug, tz}) {
                if (c != null) {
                    c.close();
                }
            }
        }
        results.resends = resends.get();
        results.finishedAt = Instant.now();
        results.verdict = SoakVerdict.of(results.samples, options.soak, results.rate, results.loss,
                results.submissions.failures(), results.failedRegistryChanges);
        Path report = SoakReport.write(results, options.out);
        SoakChart.write(results, options.out.resolve("soak.png"));
        System.out.println();
        System.out.println(Files.readString(report));
        say("report: %s, chart: %s", report, options.out.resolve("soak.png"));
        say("soak %s", results.verdict.passed() ? "PASSED" : "FAILED: " + String.join("; ",
                results.verdict.reasons()));
        return results.verdict.passed();
    }

    /**
     * The open-loop run itself on its own threads, while this thread samples and changes the registry at each full
     * minute; the receipt latency of each minute is taken afterwards from the calls due in it (a call due late in a
     * minute may end in the next).
     */
    private void soak(SoakProbe probe, BenchCommunity community, AdminApi admin) throws InterruptedException {
        long seconds = options.soak.toSeconds();
        int count = (int) Math.ceil(results.rate * seconds);
        int minutes = (int) (seconds / 60);
        say("soak: %,d submissions at %.1f/s for %s, a sample and a registry change each minute", count, results.rate,
                SoakDuration.format(options.soak));
        Map<Integer, Latencies> perMinute = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> failedPerMinute = new ConcurrentHashMap<>();
        Load.Result[] load = new Load.Result[1];
        Thread loadThread = new Thread(() -> load[0] = Load.atRate("soak", count, options.concurrency * 2,
                results.rate, i -> submit("S", i), (i, due, latency, ok) -> {
                    int minute = (int) (due / 60_000_000_000L) + 1;
                    if (ok) {
                        perMinute.computeIfAbsent(minute, m -> new Latencies()).add(latency);
                    } else {
                        failedPerMinute.computeIfAbsent(minute, m -> new AtomicInteger()).incrementAndGet();
                    }
                }), "soak-load");
        long start = System.nanoTime();
        double hubCpu = ProcessSampler.cpuSeconds(options.hubPid);
        long[] machine = ProcessSampler.machineTicks();
        long sampled = start;
        loadThread.start();
        List<double[]> gauges = new ArrayList<>();
        List<Boolean> changes = new ArrayList<>();
        String previousSigner = null;
        for (int minute = 1; minute <= minutes; minute++) {
            long wait = start + minute * 60_000_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long now = System.nanoTime();
            double hubCpuNow = ProcessSampler.cpuSeconds(options.hubPid);
            long[] machineNow = ProcessSampler.machineTicks();
            double hubPercent = hubCpu < 0 || hubCpuNow < 0 ? Double.NaN
                    : 100 * (hubCpuNow - hubCpu) / ((now - sampled) / 1e9);
            double machinePercent = machineNow[1] == machine[1] ? Double.NaN
                    : 100.0 * (machineNow[0] - machine[0]) / (machineNow[1] - machine[1]);
            hubCpu = hubCpuNow;
            machine = machineNow;
            sampled = now;
            gauges.add(new double[] {probe.rssMb(), probe.heapAfterGcMb(), probe.threads(), probe.fileDescriptors(),
                probe.connections(), probe.pending(), hubPercent, machinePercent});
            boolean changed;
            try {
                String signer = community.addSigner(admin, "Soak Official " + minute);
                if (previousSigner != null) {
                    community.revokeSigner(admin, previousSigner);
                }
                previousSigner = signer;
                changed = true;
                results.registryChanges++;
            } catch (IllegalStateException e) {
                changed = false;
                results.failedRegistryChanges++;
                say("warning: registry change of minute %d failed: %s", minute, e.getMessage());
            }
            changes.add(changed);
            double[] g = gauges.get(minute - 1);
            say("  minute %3d: RSS %.0f MB, heap after GC %.0f MB, %.0f threads, %.0f fds, %.0f db connections, "
                    + "%.0f pending; hub CPU %.0f %% of a core, machine %.0f %% busy", minute, g[0], g[1], g[2], g[3],
                    g[4], g[5], g[6], g[7]);
        }
        loadThread.join();
        results.submissions = load[0];
        say("  soak: %,d submissions, %d failed, receipt p50 %.1f ms p99 %.1f ms", load[0].calls(),
                load[0].failures(), load[0].latencies().percentileMillis(50),
                load[0].latencies().percentileMillis(99));
        for (int minute = 1; minute <= minutes; minute++) {
            double[] g = gauges.get(minute - 1);
            Latencies l = perMinute.getOrDefault(minute, new Latencies());
            AtomicInteger failed = failedPerMinute.getOrDefault(minute, new AtomicInteger());
            results.samples.add(new SoakSample(minute, g[0], g[1], g[2], g[3], g[4], l.percentileMillis(50),
                    l.percentileMillis(99), g[5], l.count() + failed.get(), failed.get(), changes.get(minute - 1), g[6],
                    g[7]));
        }
    }

    /** Submission i of a phase; routes as the main bench run: KE->UG, KE->TZ, UG->KE, UG->TZ. */
    private void submit(String phase, int i) {
        String from = i % 4 < 2 ? "KE" : "UG";
        String to = switch (i % 4) {
            case 0 -> "UG";
            case 2 -> "KE";
            default -> "TZ";
        };
        String number = "B" + tag + "-" + phase + "-" + i;
        String tracking = HubBench.submit(from.equals("KE") ? ke : ug, HubBench.co(from, to, number), resends)
                .trackingNumber();
        if (phase.equals("S")) {
            receipted.add(tracking);
        }
    }

    private void awaitQueue(SoakProbe probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        double pending;
        while ((pending = probe.pending()) > 0 && System.nanoTime() < deadline) {
            HubBench.sleep(500);
        }
        if (pending > 0) {
            say("warning: %.0f documents still pending after %s (%s)", pending, timeout, what);
        }
    }

    /** Waits until none of the soak's documents is PENDING_DELIVERY; false when the time ran out. */
    private boolean awaitSoakDelivered(Connection db, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long pending = stored(db).values().stream().filter(s -> s.status().equals("PENDING_DELIVERY")).count();
            if (pending == 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            HubBench.sleep(1000);
        }
    }

    /** The soak's documents in the database, by tracking number (their SenderMessageIds carry the soak's prefix). */
    private Map<String, LossCheck.Stored> stored(Connection db) throws SQLException {
        Map<String, LossCheck.Stored> stored = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT tracking_number, delivery_status, delivery_mode, "
                + "attempts FROM exchange_message WHERE sender_member IN ('KE', 'UG') AND sender_message_id LIKE ?")) {
            s.setString(1, "B" + tag + "-S-%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getString(1), new LossCheck.Stored(r.getString(2), r.getString(3), r.getInt(4)));
                }
            }
        }
        return stored;
    }

    private static GatewaySimulator simulator(BenchPki.Issued gateway, X509Certificate hub, String path)
            throws Exception {
        return HubBench.simulatorOn(gateway, hub, path).start();
    }

    private static void say(String format, Object... args) {
        HubBench.say(format, args);
    }

    /**
     * TZ's gateway for the whole soak: pulls a batch of {@link HubBench#PULL_BATCH}, acknowledges it in one call,
     * pulls again at once while more wait, else after {@link HubBench#PULL_POLL_MILLIS}. A failed call is counted and
     * tried again on the next round.
     */
    private final class Puller implements Runnable {
        private final AtomicInteger pulled = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private volatile boolean stop;

        @Override
        public void run() {
            while (!stop) {
                try {
                    Pull pull = tz.pull(HubBench.PULL_BATCH);
                    List<String> batch = new ArrayList<>();
                    for (ReceivedDocument d : pull.documents()) {
                        batch.add(d.trackingNumber());
                    }
                    if (!batch.isEmpty()) {
                        tz.acknowledge(batch, AcknowledgementKind.OK, null);
                        pulled.addAndGet(batch.size());
                    }
                    if (!pull.moreAvailable()) {
                        HubBench.sleep(HubBench.PULL_POLL_MILLIS);
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    say("warning: a pull failed: %s", e);
                    HubBench.sleep(HubBench.PULL_POLL_MILLIS);
                }
            }
        }
    }
}
