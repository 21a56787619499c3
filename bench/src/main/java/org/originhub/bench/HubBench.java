package org.originhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.HubFaultException;
import org.originhub.gatewaykit.client.Pull;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.client.Tracking;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.samples.SampleDocuments;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.simulator.GatewaySimulator;

/**
 * {@code ./hub bench}: drives a running hub end to end with the gateway kit and writes {@code report.md} and
 * {@code bench.png}. docs/performance.md says what each figure means.
 *
 * <pre>
 * java -cp ... org.originhub.bench.HubBench --hub-url http://127.0.0.1:8080 --hub-pid PID --db-url JDBC_URL
 *     --data-dir DIR [--count 10000] [--concurrency 8] [--quick] [--store 1000000] [--members 200] [--out DIR]
 * </pre>
 * The administrator's password comes from the environment (HUB_ADMIN_PASSWORD), never from the command line.
 */
public final class HubBench {

    private final Options options;
    private final Results results = new Results();
    private final String tag = Long.toString(System.currentTimeMillis() % 1_000_000L, 36);
    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    private BenchCommunity community;
    private HubClient ke;
    private HubClient ug;
    private HubClient tz;

    private HubBench(Options options) {
        this.options = options;
    }

    /** Documents per signed PullDocuments response and per AcknowledgeDelivery (contract 1.1 allows 100). */
    static final int PULL_BATCH = 100;

    /**
     * How long TZ's gateway waits before pulling again once it has emptied its inbox, as a PULL gateway polls: every
     * empty pull is a signed round trip, and polling much faster takes the hub's CPU from the submissions being
     * measured. A full batch (more available) is followed by the next pull at once.
     */
    static final long PULL_POLL_MILLIS = 1_000;

    /** Held: a logger whose level was set must not be collected, or the level goes with it. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.apache.cxf"),
            Logger.getLogger("org.apache.wss4j"));

    public static void main(String[] args) throws Exception {
        // CXF logs every fault and endpoint creation at INFO/WARNING: keep the console for the bench's own lines.
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        Options options = Options.parse(args);
        if (options.soak != null) {
            // the soak's verdict is the exit code: 0 passed, 1 failed
            System.exit(new Soak(options).run() ? 0 : 1);
        }
        new HubBench(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(options.out);
        results.options = options;
        results.startedAt = Instant.now();
        if (options.baselineRun != null) {
            results.baseline1 = RunFigures.read(options.baselineRun);
        }
        X509Certificate hubCertificate = hubCertificate();
        results.hubKeyBits = ((java.security.interfaces.RSAPublicKey) hubCertificate.getPublicKey()).getModulus()
                .bitLength();
        List<Long> dbPids = options.dbPids.isEmpty()
                ? ProcessSampler.databasePid(options.dataDir).stream().boxed().toList() : List.copyOf(options.dbPids);
        say("hub key RSA-%d, hub pid%s %s, %s database pid%s %s, %d COs at concurrency %d%s", results.hubKeyBits,
                options.hubPids.size() > 1 ? "s" : "", joined(options.hubPids), options.database,
                dbPids.size() > 1 ? "s" : "", dbPids.isEmpty() ? "unknown" : joined(dbPids),
                options.count, options.concurrency, options.quick ? " (quick)" : "");
        community = new BenchCommunity();
        try (Connection db = DriverManager.getConnection(options.dbUrl, options.dbUser, options.dbPassword);
                ProcessSampler hubMemory = new ProcessSampler(options.hubPid);
                GatewaySimulator keGateway = simulator(community.ke, hubCertificate, "/gateway/ke");
                GatewaySimulator ugGateway = simulator(community.ug, hubCertificate, "/gateway/ug");
                EchoClient echo = echoClient()) {
            say("seeding the bench community through the admin API");
            community.register(new AdminApi(options.hubUrl, options.adminUser, options.adminPassword),
                    keGateway.url(), ugGateway.url());
            community.retireEarlierGateways(db);
            community.addMembers(db, 10);
            ke = client(community.ke, hubCertificate);
            ug = client(community.ug, hubCertificate);
            tz = client(community.tz, hubCertificate);

            say("warming up");
            pushRun("warm-up", "W", options.quick ? 30 : 300);
            Load.closed("warm-dir", 100, options.concurrency, i -> ke.directory(directorySerial()));
            if (echo != null) {
                Load.closed("warm-echo", 100, options.concurrency, i -> echo.echo());
            }

            results.members10 = memberRun("10 members", db);
            int added = community.addMembers(db, options.members);
            say("added %d member states in the database", added);
            results.members200 = memberRun(options.members + " members", db);

            say("baseline: signed GetDirectory round trips (not modified) at concurrency %d", options.concurrency);
            long serial = directorySerial();
            int baselineCalls = options.quick ? 200 : Math.max(2000, options.count / 5);
            results.echoBefore = echoRun(echo, "echo before", baselineCalls);
            results.baseline = Load.closed("baseline", baselineCalls, options.concurrency,
                    i -> ke.directory(serial));
            report("baseline", results.baseline);
            results.echoAfter = echoRun(echo, "echo after", baselineCalls);
            if (echo != null) {
                say("hub's signed round trip / bare signed echo: %.2f (%.1f/s / %.1f/s)",
                        results.baseline.perSecond() / results.echoRate(), results.baseline.perSecond(),
                        results.echoRate());
            }
            results.validate = Load.closed("validate", Math.max(100, baselineCalls / 2), options.concurrency,
                    i -> ke.validate(co("KE", "UG", number("V", i))));
            report("ValidateDocument", results.validate);

            results.storeBefore = StoreSeeder.messages(db);
            mainRun(db, dbPids, hubMemory);
            pullBacklog(db);
            halfRate();
            results.lookupsSmall = lookups("main-run COs", i -> number("M", 4 * i));

            say("seeding the message store with %,d delivered COs in SQL", options.store);
            long seedStart = System.nanoTime();
            results.storeLarge = StoreSeeder.seed(db, options.store,
                    BenchCommunity.id(db, "SELECT id FROM gateway WHERE member_code = 'KE' AND name = ?",
                            community.gatewayName()), community.ke.fingerprint(),
                    BenchCommunity.id(db, "SELECT id FROM gateway WHERE member_code = 'UG' AND name = ?",
                            community.gatewayName()));
            results.seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            results.largeStore = pushRun("large store", "L", shortRunCount());
            results.storeSmall = results.members200.store;
            long seeded = options.store;
            results.lookupsLarge = lookups("seeded COs", i -> String.format("KE-SEED-%09d",
                    1 + ThreadLocalRandom.current().nextLong(seeded)));

            results.rssPeakKb = hubMemory.peakRssKb();
            results.rssHighWaterKb = hubMemory.highWaterMarkKb();
        } finally {
            for (HubClient c : new HubClient[] {ke, ug, tz}) {
                if (c != null) {
                    c.close();
                }
            }
        }
        results.finishedAt = Instant.now();
        Path report = Report.write(results, options.out);
        RunFigures.of(results).write(options.out);
        Chart.write(results, options.out.resolve("bench.png"));
        System.out.println();
        System.out.println(Files.readString(report));
        say("report: %s, chart: %s", report, options.out.resolve("bench.png"));
        say("ratios: submissions / hub's signed round trip %.2f, hub's signed round trip / bare signed echo %s",
                results.main.submissions.perSecond() / results.baseline.perSecond(), Double.isNaN(results.echoRate())
                        ? "not measured (no echo deployed)"
                        : String.format(java.util.Locale.ROOT, "%.2f", results.baseline.perSecond()
                                / results.echoRate()));
    }

    // ---- phases -------------------------------------------------------------------------------------------------

    /** Signed echo round trips at the bench's concurrency, or null without an echo. */
    private Load.Result echoRun(EchoClient echo, String name, int calls) {
        if (echo == null) {
            return null;
        }
        say("bare signed echo round trips at concurrency %d (%s the baseline)", options.concurrency,
                name.endsWith("before") ? "before" : "after");
        Load.Result result = Load.closed(name, calls, options.concurrency, i -> echo.echo());
        report(name, result);
        return result;
    }

    private Results.ShortRun memberRun(String name, Connection db) throws SQLException {
        Results.ShortRun run = pushRun(name, name.startsWith("10") ? "A" : "B", shortRunCount());
        run.members = BenchCommunity.memberCount(db);
        run.store = StoreSeeder.messages(db);
        return run;
    }

    private int shortRunCount() {
        return options.quick ? 60 : Math.max(300, options.count / 10);
    }

    /** Submissions to the PUSH members only (the hub delivers them itself), then waits for their arrival. */
    private Results.ShortRun pushRun(String name, String phase, int count) {
        List<String> tracking = Collections.synchronizedList(new ArrayList<>());
        Load.Result result = Load.closed(name, count, options.concurrency, i -> {
            boolean fromKenya = i % 2 == 0;
            Receipt r = submit(fromKenya ? ke : ug, co(fromKenya ? "KE" : "UG", fromKenya ? "UG" : "KE",
                    number(phase, i)));
            tracking.add(r.trackingNumber());
        });
        report(name, result);
        awaitArrivals(tracking, Duration.ofSeconds(60 + count / 10));
        Results.ShortRun run = new Results.ShortRun();
        run.name = name;
        run.result = result;
        return run;
    }

    private void mainRun(Connection db, List<Long> dbPids, ProcessSampler hubMemory) throws Exception {
        int n = options.count;
        say("main run: %,d COs end to end (half pushed to KE and UG, half pulled by TZ in batches of " + PULL_BATCH + ")", n);
        String[] tracking = new String[n];
        Instant[] receivedAt = new Instant[n];
        Profiler profiler = new Profiler(options.hubPid, options.out.resolve("hub.jfr"));
        boolean profiling = profiler.start();
        Puller puller = new Puller(n / 2);
        Thread pullThread = new Thread(puller, "bench-puller");
        ProcessSampler.Window cpu = new ProcessSampler.Window(options.hubPids, dbPids);
        Map<String, Long> counters = DatabaseCounters.read(db);
        Instant start = Instant.now();
        pullThread.start();
        Load.Result submitted = Load.closed("main", n, options.concurrency, i -> {
            String[] route = route(i);
            Receipt r = submit(route[0].equals("KE") ? ke : ug, co(route[0], route[1], number("M", i)));
            tracking[i] = r.trackingNumber();
            receivedAt[i] = r.receivedAt();
        });
        report("submissions", submitted);
        List<String> pushed = new ArrayList<>();
        for (int i = 0; i < n; i += 2) {
            if (tracking[i] != null) {
                pushed.add(tracking[i]);
            }
        }
        awaitArrivals(pushed, Duration.ofSeconds(120 + n / 20));
        pullThread.join(Duration.ofSeconds(120 + n / 20).toMillis());
        puller.stop = true;
        pullThread.join();
        // acknowledgement times as the hub recorded them (a PUSH acknowledgement is recorded after the push returns)
        Map<String, Tracking> tracked = trackAll(tracking, Duration.ofSeconds(60));
        Instant end = tracked.values().stream().map(Tracking::acknowledgedAt).filter(t -> t != null)
                .max(Instant::compareTo).orElse(Instant.now());
        results.mainCpu = cpu.end();
        results.mainStatements = DatabaseCounters.delta(counters, DatabaseCounters.read(db));
        results.profile = profiling ? profiler.stop() : null;
        results.rssAfterMainKb = hubMemory.peakRssKb();

        Results.Main main = new Results.Main();
        main.submissions = submitted;
        main.endToEndSeconds = Duration.between(start, end).toNanos() / 1e9;
        main.pulls = puller.pulls;
        main.pulledDocuments = puller.pulled.get();
        main.pullSeconds = puller.busySeconds();
        for (int i = 0; i < n; i++) {
            if (tracking[i] == null) {
                continue;
            }
            boolean push = i % 2 == 0;
            Instant arrived = arrivals.get(tracking[i]);
            if (arrived != null) {
                (push ? main.pushDelivery : main.pullDelivery).add(nanos(receivedAt[i], arrived));
            } else {
                main.undelivered++;
            }
            Tracking t = tracked.get(tracking[i]);
            if (t != null && t.acknowledgedAt() != null) {
                (push ? main.pushAck : main.pullAck).add(nanos(receivedAt[i], t.acknowledgedAt()));
            } else {
                main.unacknowledged++;
            }
        }
        results.main = main;
        say("main run: %.1f submissions/s, %.1f COs/s end to end (%.1f s), %d undelivered, %d unacknowledged",
                submitted.perSecond(), n / main.endToEndSeconds, main.endToEndSeconds, main.undelivered,
                main.unacknowledged);
    }

    /**
     * A backlog for TZ, then pulled by tracking number in batches of {@link #PULL_BATCH} at the bench's concurrency,
     * then acknowledged.
     */
    private void pullBacklog(Connection db) {
        int k = options.quick ? 500 : Math.min(5000, Math.max(1000, options.count / 4));
        say("batched pull: a backlog of %,d COs for TZ", k);
        String[] tracking = new String[k];
        results.backlog = Load.closed("backlog", k, options.concurrency, i -> tracking[i] = submit(i % 2 == 0 ? ke : ug,
                co(i % 2 == 0 ? "KE" : "UG", "TZ", number("P", i))).trackingNumber());
        if (results.backlog.failures() > 0) {
            say("batched pull: %,d of the backlog's %,d submissions failed, pulled without them: %s",
                    results.backlog.failures(), k, results.backlog.errors());
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < k; i += PULL_BATCH) {
            List<String> batch = new ArrayList<>();
            for (int j = i; j < Math.min(k, i + PULL_BATCH); j++) {
                if (tracking[j] != null) {
                    batch.add(tracking[j]);
                }
            }
            batches.add(batch);
        }
        AtomicInteger documents = new AtomicInteger();
        Profiler profiler = new Profiler(options.hubPid, options.out.resolve("hub-pull.jfr"));
        boolean profiling = profiler.start();
        Map<String, Long> counters = DatabaseCounters.read(db);
        results.pull = Load.closed("pull", batches.size(), options.concurrency, i -> {
            Pull pull = tz.pullTracking(batches.get(i));
            for (ReceivedDocument d : pull.documents()) {
                if (!d.payloadIntact()) {
                    throw new IllegalStateException("payload altered: " + d.trackingNumber());
                }
            }
            documents.addAndGet(pull.documents().size());
        });
        results.pulledDocuments = documents.get();
        say("pulled %,d documents in %d signed responses: %.0f COs/s", documents.get(), batches.size(),
                documents.get() / results.pull.seconds());
        // contract 1.1: one signed AcknowledgeDelivery per pulled batch, as a PULL gateway does
        AtomicInteger acknowledged = new AtomicInteger();
        results.ack = Load.closed("ack", batches.size(), options.concurrency,
                i -> acknowledged.addAndGet(tz.acknowledge(batches.get(i), AcknowledgementKind.OK, null).size()));
        results.acknowledgedDocuments = acknowledged.get();
        report("AcknowledgeDelivery, " + PULL_BATCH + " per call", results.ack);
        say("acknowledged %,d documents in %d signed calls: %.0f COs/s", acknowledged.get(), batches.size(),
                acknowledged.get() / results.ack.seconds());
        results.pullStatements = DatabaseCounters.delta(counters, DatabaseCounters.read(db));
        results.pullProfile = profiling ? profiler.stop() : null;
    }

    private void halfRate() {
        double rate = results.main.submissions.perSecond() / 2;
        int count = options.quick ? 60 : (int) Math.max(200, Math.min(options.count / 5.0, rate * 30));
        say("receipt latency at half the maximum rate: %.1f submissions/s, %d submissions", rate, count);
        List<String> tracking = Collections.synchronizedList(new ArrayList<>());
        results.halfRate = Load.atRate("half-rate", count, options.concurrency * 2, rate, i -> {
            boolean fromKenya = i % 2 == 0;
            tracking.add(submit(fromKenya ? ke : ug, co(fromKenya ? "KE" : "UG", fromKenya ? "UG" : "KE",
                    number("H", i))).trackingNumber());
        });
        results.halfRateTarget = rate;
        report("half rate", results.halfRate);
        awaitArrivals(tracking, Duration.ofSeconds(120));
    }

    private Results.Lookups lookups(String what, java.util.function.IntFunction<String> coNumber) {
        int count = options.quick ? 100 : Math.max(1000, options.count / 10);
        Results.Lookups lookups = new Results.Lookups();
        lookups.what = what;
        String signer = community.keSigner.fingerprint();
        lookups.checkSigner = Load.closed("CheckSigner", count, options.concurrency, i -> {
            if (!ke.checkSigner(signer, "KE", BenchCommunity.AGREEMENT, null).authorised()) {
                throw new IllegalStateException("the bench signer is not authorised");
            }
        });
        report("CheckSigner", lookups.checkSigner);
        lookups.documentStatus = Load.closed("GetDocumentStatus", count, options.concurrency, i -> {
            String number = coNumber.apply(ThreadLocalRandom.current().nextInt(Math.max(1, options.count / 4)));
            if (!ke.documentStatus("KE", number).known()) {
                throw new IllegalStateException("unknown CO " + number);
            }
        });
        report("GetDocumentStatus", lookups.documentStatus);
        return lookups;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Main-run routes: KE->UG (push), KE->TZ (pull), UG->KE (push), UG->TZ (pull). */
    private static String[] route(int i) {
        return switch (i % 4) {
            case 0 -> new String[] {"KE", "UG"};
            case 1 -> new String[] {"KE", "TZ"};
            case 2 -> new String[] {"UG", "KE"};
            default -> new String[] {"UG", "TZ"};
        };
    }

    /**
     * SubmitDocument as a gateway does it: an InternalError or ServiceUnavailable fault says "try again", and the
     * same SenderMessageId makes the resend idempotent. Each retry is counted and reported; the receipt latency
     * includes them, as the gateway experiences it.
     */
    private Receipt submit(HubClient client, Submission submission) {
        return submit(client, submission, results.retries);
    }

    /** {@link #submit(HubClient, Submission)} with the resends counted in {@code retries}. */
    static Receipt submit(HubClient client, Submission submission, AtomicInteger retries) {
        for (int attempt = 1;; attempt++) {
            try {
                return client.submit(submission);
            } catch (HubFaultException e) {
                if (attempt >= 5 || !("InternalError".equals(e.code()) || "ServiceUnavailable".equals(e.code()))) {
                    throw e;
                }
                retries.incrementAndGet();
                sleep(20L * attempt);
            }
        }
    }

    private String number(String phase, int i) {
        return "B" + tag + "-" + phase + "-" + i;
    }

    static Submission co(String from, String to, String coNumber) {
        return Submission.builder().from(from).to(to).agreement(BenchCommunity.AGREEMENT).coNumber(coNumber)
                .senderMessageId(coNumber).payload(SampleDocuments.certificate(from, coNumber, BenchCommunity.AGREEMENT))
                .build();
    }

    private long directorySerial() {
        return ke.directory().serial();
    }

    private void awaitArrivals(List<String> tracking, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> copy = new ArrayList<>(tracking);
        while (System.nanoTime() < deadline) {
            if (copy.stream().allMatch(arrivals::containsKey)) {
                return;
            }
            sleep(50);
        }
        long missing = copy.stream().filter(t -> !arrivals.containsKey(t)).count();
        say("warning: %d of %d pushed documents did not arrive within %s", missing, copy.size(), timeout);
    }

    /** GetTrackingInfo for everything, by the sender, in batches of 100; repeated until all are acknowledged. */
    private Map<String, Tracking> trackAll(String[] tracking, Duration timeout) {
        Map<String, Tracking> tracked = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<HubClient, List<String>> open = new HashMap<>();
            for (int i = 0; i < tracking.length; i++) {
                Tracking known = tracked.get(tracking[i]);
                if (tracking[i] != null && (known == null || known.acknowledgedAt() == null)) {
                    open.computeIfAbsent(route(i)[0].equals("KE") ? ke : ug, c -> new ArrayList<>()).add(tracking[i]);
                }
            }
            if (open.isEmpty() || System.nanoTime() > deadline) {
                return tracked;
            }
            open.forEach((client, numbers) -> {
                for (int i = 0; i < numbers.size(); i += 100) {
                    client.track(numbers.subList(i, Math.min(numbers.size(), i + 100)))
                            .forEach(t -> tracked.put(t.trackingNumber(), t));
                }
            });
            sleep(200);
        }
    }

    private static long nanos(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    /** The bare echo's client when the launcher deployed it (--echo-url, --echo-keys), else null. */
    private EchoClient echoClient() {
        if (options.echoUrl == null) {
            say("no bare echo deployed beside the hub: the baseline is not compared with the bare stack");
            return null;
        }
        org.originhub.bench.echo.EchoKeys keys = new org.originhub.bench.echo.EchoKeys(options.echoKeys);
        return new EchoClient(options.echoUrl, keys.client(), keys.serverCertificate());
    }

    private GatewaySimulator simulator(BenchPki.Issued gateway, X509Certificate hub, String path) throws Exception {
        return simulatorOn(gateway, hub, path)
                .onDelivery(d -> arrivals.putIfAbsent(d.document().trackingNumber(), d.arrivedAt())).start();
    }

    /** A PUSH gateway's simulator for the bench: {@code gateway}'s keys, the hub pinned, a free loopback port. */
    static GatewaySimulator.Builder simulatorOn(BenchPki.Issued gateway, X509Certificate hub, String path) {
        return GatewaySimulator.builder(gateway.keystore(), PinnedCertificates.of(hub)).host("127.0.0.1").port(0)
                .path(path);
    }

    private HubClient client(BenchPki.Issued gateway, X509Certificate hub) {
        return client(options.hubUrl, gateway, hub);
    }

    static HubClient client(String hubUrl, BenchPki.Issued gateway, X509Certificate hub) {
        return HubClient.builder().hubUrl(hubUrl).keystore(gateway.keystore())
                .trustedHub(PinnedCertificates.of(hub)).build();
    }

    private X509Certificate hubCertificate() throws Exception {
        return hubCertificate(options);
    }

    /** The hub's certificate: --hub-cert, else the development key the hub made under its data folder. */
    static X509Certificate hubCertificate(Options options) throws Exception {
        if (options.hubCert != null) {
            return PinnedCertificates.readCertificates(Files.readAllBytes(options.hubCert)).iterator().next();
        }
        Path keys = Path.of(options.dataDir, "keys");
        char[] password = Files.readString(keys.resolve("hub-development-key.password")).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keys.resolve("hub-development-key.p12"))) {
            store.load(in, password);
        }
        String alias = Collections.list(store.aliases()).stream().filter(a -> {
            try {
                return store.isKeyEntry(a);
            } catch (java.security.KeyStoreException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new IllegalStateException("no key in the hub's development keystore"));
        return (X509Certificate) store.getCertificate(alias);
    }

    private static void report(String name, Load.Result r) {
        Latencies.Summary s = r.latencies().summary();
        say("  %-18s %,6d calls in %6.1f s: %8.1f/s  p50 %6.1f ms  p99 %6.1f ms%s", name, r.calls(), r.seconds(),
                r.perSecond(), s.p50(), s.p99(), r.failures() == 0 ? "" : "  FAILURES " + r.failures() + " "
                        + r.errors());
    }

    private static String joined(List<Long> pids) {
        return pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    }

    static void say(String format, Object... args) {
        System.out.println("bench: " + String.format(format, args));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * TZ's gateway: pulls the oldest waiting (a batch of {@link #PULL_BATCH}), records their arrival, acknowledges
     * them, and pulls again at once while more are waiting, else after {@link #PULL_POLL_MILLIS}.
     */
    private final class Puller implements Runnable {
        private final int expected;
        private final AtomicInteger pulled = new AtomicInteger();
        private final Latencies pulls = new Latencies();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private volatile boolean stop;
        private long busyNanos;

        Puller(int expected) {
            this.expected = expected;
        }

        double busySeconds() {
            return busyNanos / 1e9;
        }

        @Override
        public void run() {
            try {
                while (!stop && seen.size() < expected) {
                    long t0 = System.nanoTime();
                    Pull pull = tz.pull(PULL_BATCH);
                    long took = System.nanoTime() - t0;
                    Instant now = Instant.now();
                    if (pull.documents().isEmpty()) {
                        sleep(PULL_POLL_MILLIS);
                        continue;
                    }
                    busyNanos += took;
                    pulls.add(took);
                    List<String> kept = new ArrayList<>();
                    for (ReceivedDocument d : pull.documents()) {
                        if (seen.add(d.trackingNumber())) {
                            arrivals.putIfAbsent(d.trackingNumber(), now);
                            pulled.incrementAndGet();
                        }
                        kept.add(d.trackingNumber());
                    }
                    // the whole pull in one signed AcknowledgeDelivery (contract 1.1)
                    tz.acknowledge(kept, AcknowledgementKind.OK, null);
                    if (!pull.moreAvailable()) {
                        sleep(PULL_POLL_MILLIS);
                    }
                }
            } catch (RuntimeException e) {
                say("warning: the puller stopped: %s", e);
            }
        }
    }
}
