package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.HubFaultException;
import org.originhub.gatewaykit.client.HubUnreachableException;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.client.Tracking;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.UntrustedMessageException;
import org.originhub.gatewaykit.simulator.Delivery;
import org.originhub.gatewaykit.simulator.GatewaySimulator;
import org.originhub.registry.testing.TestPki;

/**
 * Fault injection against the real hub as {@code ./hub} runs it (Payara Micro and the embedded MariaDB as processes
 * of their own), with member gateways played by the gateway kit in this JVM: a PUSH recipient down for a while, a
 * slow recipient next to a fast one, the database stopped and restarted under load, and the hub killed with
 * {@code kill -9} under load. Each scenario prints what was sent, what came back as receipts, what arrived, what was
 * lost and what was duplicated, and asserts that nothing acknowledged is lost and nothing is stored or delivered twice
 * once repeats of the same tracking number are set aside (the contract allows those: recipients dedup by tracking
 * number).
 *
 * <p>One hub for the whole class (its start costs most of the time); scenarios run in a fixed order and each uses its
 * own CO numbers and message ids. The hub is always stopped at the end, also when a scenario fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    private static final Path REPO = LauncherRun.REPO;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN_PASSWORD = "fault-injection-admin-password";
    private static final String AGREEMENT = "FI-CU";
    private static final char[] KEY_PASSWORD = "gateway-password".toCharArray();
    /** Per-gateway push cap for this run: small, so that the slow recipient saturates it quickly. */
    private static final int PER_GATEWAY = 2;
    /** The hub's push receive timeout in this run: short, so that a recipient that does not answer costs little. */
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(4);

    private Path dataDir;
    private int port;
    private int dbPort;
    private Map<String, String> env;
    private boolean started;

    private GatewayKeystore keKeys;
    private GatewayKeystore ugKeys;
    private GatewayKeystore tzKeys;
    private X509Certificate hubCertificate;
    /** Uganda: PUSH, fast; taken down and brought back in scenario 1. */
    private Recipient ug;
    /** Tanzania: PUSH, made slow in scenario 4. */
    private Recipient tz;
    /** Kenya: PULL (and the sender of most documents). */
    private HubClient ke;
    private HubClient ugClient;

    @BeforeAll
    void startTheHubAndRegisterACommunity() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "fault-injection").toAbsolutePath();
        port = freePort();
        dbPort = freePort();
        env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("HUB_"));
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_HTTP_PORT", Integer.toString(port));
        // a fixed port: a database restarted under the running hub must come back where its pool looks for it
        env.put("HUB_DB_EMBEDDED_PORT", Integer.toString(dbPort));
        env.put("HUB_SKIP_BUILD", "1");
        env.put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("HUB_DELIVERY_RETRY_FIRST", "PT1S");
        env.put("HUB_DELIVERY_RETRY_MAX", "PT2S");
        env.put("HUB_DELIVERY_POLL", "PT1S");
        env.put("HUB_DELIVERY_PER_GATEWAY", Integer.toString(PER_GATEWAY));
        env.put("HUB_PUSH_RECEIVE_TIMEOUT", RECEIVE_TIMEOUT.toString());
        // a push cut off by the kill -9 is pushed again when its lease expires: keep that within the test's time
        env.put("HUB_DELIVERY_LEASE", "PT30S");
        // a start takes 10-20 s on a quiet machine and minutes on a busy CI runner
        env.put("HUB_START_TIMEOUT", "420");
        started = true;
        LauncherRun start = run(440, "start", "--detach");
        assertThat(start.exit()).as("./hub start --detach:\n" + start.output()).isZero();

        TestPki.Issued ca = TestPki.ca("CN=Fault Injection CA,O=Origin Hub");
        TestPki.Issued kenya = TestPki.leaf(ca, "CN=gw.ke,O=Kenya Revenue Authority,C=KE").build();
        TestPki.Issued uganda = TestPki.leaf(ca, "CN=gw.ug,O=Uganda Revenue Authority,C=UG").build();
        TestPki.Issued tanzania = TestPki.leaf(ca, "CN=gw.tz,O=Tanzania Revenue Authority,C=TZ").build();
        keKeys = keystore("ke", kenya);
        ugKeys = keystore("ug", uganda);
        tzKeys = keystore("tz", tanzania);

        assertThat(post("admin/trust-anchors", "{\"name\":\"Fault Injection CA\",\"certificate\":\""
                + json(ca.pem()) + "\"}").statusCode()).isEqualTo(201);
        for (String[] member : new String[][] {{"KE", "Kenya"}, {"UG", "Uganda"}, {"TZ", "Tanzania"}}) {
            assertThat(post("admin/member-states", "{\"code\":\"" + member[0] + "\",\"name\":\"" + member[1]
                    + "\"}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> agreement = post("admin/agreements", "{\"code\":\"" + AGREEMENT + "\",\"name\":"
                + "\"Fault Injection Customs Union\",\"inForceFrom\":\"2020-01-01\",\"parties\":[\"KE\",\"UG\",\"TZ\"]}");
        assertThat(agreement.statusCode()).as(agreement.body()).isEqualTo(201);
        registerGateway("KE", "ke-gw", "PULL", null, kenya);
        hubCertificate = hubCertificate(kenya);
        ug = new Recipient("UG", ugKeys, freePort());
        tz = new Recipient("TZ", tzKeys, freePort());
        ug.up(0);
        tz.up(0);
        registerGateway("UG", "ug-gw", "PUSH", ug.url(), uganda);
        registerGateway("TZ", "tz-gw", "PUSH", tz.url(), tanzania);
        ke = client(keKeys);
        ugClient = client(ugKeys);
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {ke, ugClient, ug, tz}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("closing " + closeable + ": " + e);
                }
            }
        }
        if (started) {
            LauncherRun stop = run(120, "stop");
            assertThat(stop.exit()).as("./hub stop:\n" + stop.output()).isZero();
        }
    }

    /**
     * Uganda's PUSH endpoint is down (connection refused) while documents are submitted, then comes back on the same
     * port answering ServiceUnavailable to its first deliveries, then takes them: every document arrives, once.
     */
    @Test
    @Order(1)
    void aPushRecipientDownForAWhileGetsEverythingOnceItIsBack() throws Exception {
        int documents = 12;
        int refusedWhenBack = 4;
        Ledger ledger = new Ledger("1 PUSH recipient down");
        ug.down();
        for (int i = 1; i <= documents; i++) {
            submitUntilReceipt(ke, ledger, co("KE", "UG", "KE-S1-" + i, "s1-ke-" + i), Instant.now().plusSeconds(60));
        }
        // every document has failed at least once against the closed port before the recipient comes back
        awaitTrue("a failed push of each document", Duration.ofSeconds(60), () -> ke.track(ledger.trackingNumbers())
                .stream().allMatch(t -> t.deliveryAttempts() >= 1));
        Instant back = Instant.now();
        ug.up(refusedWhenBack);
        List<Tracking> tracking = awaitDelivered(ke, ledger.trackingNumbers(), Duration.ofSeconds(90));
        Duration recovery = Duration.between(back, Instant.now());

        int attempts = tracking.stream().mapToInt(Tracking::deliveryAttempts).sum();
        Outcome outcome = ledger.outcome(ug.arrivals(),
                ug.calls(ledger.trackingNumbers()) - ug.unavailableAnswers());
        outcome.print("failed attempts before delivery " + (attempts - documents) + ", ServiceUnavailable answers "
                + ug.unavailableAnswers() + ", all delivered " + recovery.toMillis() + " ms after the recipient came"
                + " back");
        outcome.assertNothingLostOrDuplicated();
        assertThat(ledger.sent()).isEqualTo(documents);
        assertThat(tracking).allSatisfy(t -> assertThat(t.deliveryAttempts()).as(t.trackingNumber() + " retried")
                .isGreaterThan(1));
        assertThat(ug.unavailableAnswers()).isEqualTo(refusedWhenBack);
        assertHalfStoredNone(ledger);
    }

    /**
     * Tanzania's gateway takes seconds per delivery and has a backlog; Uganda's answers at once. The hub pushes in
     * parallel with at most HUB_DELIVERY_PER_GATEWAY pushes per gateway, so Uganda's documents arrive promptly while
     * Tanzania's backlog drains slowly.
     */
    @Test
    @Order(2)
    void aSlowRecipientDoesNotHoldUpTheOthers() throws Exception {
        int slowDocuments = 30;
        int fastDocuments = 4;
        // slow, but within the receive timeout: a slow gateway, not one that times out (scenario 5)
        Duration slowness = Duration.ofMillis(1500);
        Ledger slowLedger = new Ledger("4 slow recipient (TZ, " + slowness.toMillis() + " ms per delivery)");
        Ledger fastLedger = new Ledger("4 fast recipient (UG) next to it");
        tz.delay(slowness);
        for (int i = 1; i <= slowDocuments; i++) {
            submitUntilReceipt(ke, slowLedger, co("KE", "TZ", "KE-S4-TZ-" + i, "s4-tz-" + i),
                    Instant.now().plusSeconds(60));
        }
        // the slow gateway is busy with its backlog before the fast one's documents come in
        awaitTrue("the slow gateway busy", Duration.ofSeconds(30), () -> tz.deliveries() >= PER_GATEWAY);
        Map<String, Instant> submitted = new ConcurrentHashMap<>();
        for (int i = 1; i <= fastDocuments; i++) {
            Receipt receipt = submitUntilReceipt(ke, fastLedger, co("KE", "UG", "KE-S4-UG-" + i, "s4-ug-" + i),
                    Instant.now().plusSeconds(60));
            submitted.put(receipt.trackingNumber(), Instant.now());
        }
        awaitTrue("the fast recipient's documents", Duration.ofSeconds(60),
                () -> ug.arrivals().keySet().containsAll(fastLedger.trackingNumbers()));
        int slowArrivedMeanwhile = (int) tz.arrivals().keySet().stream()
                .filter(slowLedger.trackingNumbers()::contains).count();
        List<Long> latencies = fastLedger.trackingNumbers().stream()
                .map(t -> Duration.between(submitted.get(t), ug.arrivals().get(t).arrivedAt()).toMillis()).sorted()
                .toList();
        long fastMax = latencies.get(latencies.size() - 1);
        // the point is made: let the backlog drain quickly
        tz.delay(Duration.ZERO);
        awaitDelivered(ke, slowLedger.trackingNumbers(), Duration.ofSeconds(120));
        awaitDelivered(ke, fastLedger.trackingNumbers(), Duration.ofSeconds(30));

        Outcome slow = slowLedger.outcome(tz.arrivals(), tz.calls(slowLedger.trackingNumbers()));
        Outcome fast = fastLedger.outcome(ug.arrivals(), ug.calls(fastLedger.trackingNumbers()));
        fast.print("submit-to-arrival ms: median " + latencies.get(latencies.size() / 2) + ", max " + fastMax
                + "; meanwhile " + slowArrivedMeanwhile + " of the slow gateway's " + slowDocuments
                + " backlog arrived (at most " + PER_GATEWAY + " at a time, " + slowness.toMillis() + " ms each)");
        slow.print("backlog drained after the fast documents had arrived");
        slow.assertNothingLostOrDuplicated();
        fast.assertNothingLostOrDuplicated();
        // the backlog alone takes (30 / 2) x 1.5 s = 22.5 s; the fast documents must not queue behind it
        assertThat(fastMax).as("slowest fast document, ms").isLessThan(8_000);
        assertThat(slowArrivedMeanwhile).as("the slow backlog was still draining").isLessThan(slowDocuments);
    }

    /**
     * Uganda's gateway takes the connection and does not answer (a hung gateway), then answers only after the hub's
     * receive timeout, then answers again: each push that got no answer in time is a failed attempt (attempt history
     * and audit), retried, and every document is delivered, once after dedup; Tanzania's documents meanwhile flow.
     */
    @Test
    @Order(3)
    void aRecipientThatDoesNotAnswerInTimeIsRetriedWhileOthersFlow() throws Exception {
        int documents = 4;
        Duration stall = RECEIVE_TIMEOUT.multipliedBy(2);
        Duration late = RECEIVE_TIMEOUT.plusSeconds(2);
        Ledger stalled = new Ledger("5 push timeouts (UG: no answer, then late answers)");
        Ledger others = new Ledger("5 other recipient (TZ) meanwhile");
        ug.stall(stall);
        for (int i = 1; i <= documents; i++) {
            submitUntilReceipt(ke, stalled, co("KE", "UG", "KE-S5-UG-" + i, "s5-ug-" + i), Instant.now().plusSeconds(60));
        }
        Map<String, Instant> submitted = new ConcurrentHashMap<>();
        for (int i = 1; i <= documents; i++) {
            Receipt receipt = submitUntilReceipt(ke, others, co("KE", "TZ", "KE-S5-TZ-" + i, "s5-tz-" + i),
                    Instant.now().plusSeconds(60));
            submitted.put(receipt.trackingNumber(), Instant.now());
        }
        awaitTrue("Tanzania's documents while Uganda hangs", Duration.ofSeconds(60),
                () -> tz.arrivals().keySet().containsAll(others.trackingNumbers()));
        long othersMax = others.trackingNumbers().stream()
                .mapToLong(t -> Duration.between(submitted.get(t), tz.arrivals().get(t).arrivedAt()).toMillis())
                .max().orElseThrow();
        // every Uganda document has had a push time out
        awaitTrue("a timed-out push of each stalled document", Duration.ofSeconds(90),
                () -> failedAttempts(stalled.trackingNumbers(), "did not answer in time").values().stream()
                        .allMatch(n -> n >= 1));
        int stalledCalls = ug.stalledDeliveries();
        // then it answers, but later than the hub waits: it keeps each document, the hub counts a timeout
        ug.delay(late);
        ug.stall(Duration.ZERO);
        awaitTrue("each document kept by the late gateway", Duration.ofSeconds(90),
                () -> ug.arrivals().keySet().containsAll(stalled.trackingNumbers()));
        int lateCalls = ug.calls(stalled.trackingNumbers()) - stalledCalls;
        ug.delay(Duration.ZERO);
        List<Tracking> tracking = awaitDelivered(ke, stalled.trackingNumbers(), Duration.ofSeconds(90));
        awaitDelivered(ke, others.trackingNumbers(), Duration.ofSeconds(30));

        Map<String, Integer> timedOut = failedAttempts(stalled.trackingNumbers(), "did not answer in time");
        Map<String, Integer> auditedTimeouts = auditedFailedAttempts(stalled.trackingNumbers(),
                "did not answer in time");
        int attempts = tracking.stream().mapToInt(Tracking::deliveryAttempts).sum();
        Outcome outcome = stalled.outcome(ug.arrivals(), ug.calls(stalled.trackingNumbers()) - stalledCalls);
        outcome.print("receive timeout " + RECEIVE_TIMEOUT.toMillis() + " ms; " + stalledCalls + " pushes held "
                + "unanswered, " + lateCalls + " answered after " + late.toMillis() + " ms; " + attempts
                + " attempts in all, " + timedOut.values().stream().mapToInt(Integer::intValue).sum()
                + " recorded 'did not answer in time' (audited " + auditedTimeouts.values().stream()
                        .mapToInt(Integer::intValue).sum() + ")");
        others.outcome(tz.arrivals(), tz.calls(others.trackingNumbers())).print("submit-to-arrival max " + othersMax
                + " ms while Uganda hung");
        outcome.assertNothingLostOrDuplicated();
        others.outcome(tz.arrivals(), tz.calls(others.trackingNumbers())).assertNothingLostOrDuplicated();
        assertThat(stalledCalls).as("pushes held without an answer").isPositive();
        assertThat(timedOut).as("failed attempts 'did not answer in time' per document")
                .allSatisfy((t, n) -> assertThat(n).isPositive());
        assertThat(auditedTimeouts).as("DELIVERY_ATTEMPTED FAILED audit records per document").isEqualTo(timedOut);
        assertThat(tracking).allSatisfy(t -> assertThat(t.deliveryAttempts()).as(t.trackingNumber())
                .isGreaterThan(timedOut.get(t.trackingNumber())));
        // Tanzania's documents did not wait for Uganda's: they all arrived before Uganda kept any of its own
        Instant ugFirst = stalled.trackingNumbers().stream().map(t -> ug.arrivals().get(t).arrivedAt())
                .min(Instant::compareTo).orElseThrow();
        assertThat(others.trackingNumbers()).allSatisfy(t -> assertThat(tz.arrivals().get(t).arrivedAt())
                .isBefore(ugFirst));
        assertHalfStoredNone(stalled);
        assertHalfStoredNone(others);
    }

    /**
     * Three clients submit without pause while the embedded MariaDB is (A) stopped and started again by
     * {@code ./hub db-stop} and {@code ./hub db-start}, (B) hung with {@code kill -STOP} for 45 s and resumed, and (C)
     * killed with {@code kill -9} and started again by {@code ./hub db-start}. Meanwhile the hub answers
     * ServiceUnavailable, quickly when the database refuses connections and within its socket timeout when it hangs
     * (never Payara's minutes); it never gives a receipt for something it did not store; its pool recovers without a
     * hub restart; every acknowledged document is delivered afterwards, once.
     */
    @Test
    @Order(4)
    void theDatabaseStoppedHungAndKilledUnderLoad() throws Exception {
        int clients = 3;
        // longer than a request's worst case against a hung database (a few socket timeouts of 10 s each)
        Duration hang = Duration.ofSeconds(45);
        Ledger ledger = new Ledger("3 database stopped, hung, killed");
        AtomicBoolean outage = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger receiptsDuringOutage = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        // a receive timeout far beyond the hub's own bounds: every answer the hub gives is measured, none cut off
        HubClient patient = client(keKeys, Duration.ofSeconds(120));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(420);
        for (int c = 1; c <= clients; c++) {
            work.add(pool.submit(() -> {
                while (!done.get()) {
                    int n = sequence.incrementAndGet();
                    submitUntilReceipt(patient, ledger, co("KE", "UG", "KE-S3-" + n, "s3-ke-" + n), deadline, () -> {
                        if (outage.get()) {
                            receiptsDuringOutage.incrementAndGet();
                        }
                    });
                    pause(100);
                }
                return null;
            }));
        }
        List<String> phases = new ArrayList<>();
        Instant stoppedAt;
        Instant stoppedUntil;
        Instant hungAt;
        Instant resumedAt;
        Instant killedAt;
        Instant restartedAt;
        boolean databaseDown = false;
        long hungPid = 0;
        try {
            awaitTrue("some receipts before the outage", Duration.ofSeconds(60), () -> ledger.receipts() >= 6);

            // A: stopped cleanly, started again
            int faultsBefore = ledger.unavailable.get() + ledger.unreachable.get();
            stoppedAt = Instant.now();
            databaseDown = true;
            LauncherRun stop = run(60, "db-stop");
            outage.set(true);
            assertThat(stop.exit()).as("./hub db-stop:\n" + stop.output()).isZero();
            awaitTrue("ServiceUnavailable while the database is stopped", Duration.ofSeconds(90),
                    () -> ledger.unavailable.get() + ledger.unreachable.get() >= faultsBefore + clients);
            pause(2_000);
            // the admin API and readiness while the database is down: a retryable 503, never a 500
            HttpResponse<String> api = get("admin/member-states");
            assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(api.body()).contains("\"code\":\"ServiceUnavailable\"");
            assertThat(ready()).as("readiness while the database is stopped").isFalse();
            outage.set(false);
            LauncherRun startAgain = run(120, "db-start");
            stoppedUntil = Instant.now();
            assertThat(startAgain.exit()).as("./hub db-start:\n" + startAgain.output()).isZero();
            databaseDown = false;
            awaitTrue("the hub ready again without a restart", Duration.ofSeconds(90), this::ready);
            phases.add("A stopped " + Duration.between(stoppedAt, stoppedUntil).toMillis() + " ms: ServiceUnavailable "
                    + timing(ledger.calls(stoppedAt, stoppedUntil, "unavailable")) + ", ready "
                    + Duration.between(stoppedUntil, Instant.now()).toMillis() + " ms after db-start");
            awaitReceipts(ledger, 3);

            // B: hung (SIGSTOP): connections are accepted by the kernel, nothing answers
            hungPid = mariadbPid();
            hungAt = Instant.now();
            signal("STOP", hungPid);
            try {
                pause(hang.toMillis());
            } finally {
                signal("CONT", hungPid);
                resumedAt = Instant.now();
                hungPid = 0;
            }
            awaitTrue("the hub ready after the hang", Duration.ofSeconds(90), this::ready);
            phases.add("B hung " + Duration.between(hungAt, resumedAt).toMillis() + " ms: ServiceUnavailable "
                    + timing(ledger.calls(hungAt, resumedAt, "unavailable")) + ", receipts "
                    + timing(ledger.calls(hungAt, resumedAt, "receipt")) + ", transport errors "
                    + timing(ledger.calls(hungAt, resumedAt, "unreachable")) + " for calls begun while hung");
            awaitReceipts(ledger, 3);

            // C: killed (SIGKILL, no shutdown), started again by ./hub db-start
            long killedPid = mariadbPid();
            int faultsBeforeKill = ledger.unavailable.get() + ledger.unreachable.get();
            killedAt = Instant.now();
            databaseDown = true;
            signal("KILL", killedPid);
            awaitTrue("mariadbd gone", Duration.ofSeconds(10), () -> ProcessHandle.of(killedPid).isEmpty()
                    || !ProcessHandle.of(killedPid).get().isAlive());
            awaitTrue("ServiceUnavailable while the database is dead", Duration.ofSeconds(90),
                    () -> ledger.unavailable.get() + ledger.unreachable.get() >= faultsBeforeKill + clients);
            LauncherRun restart = run(120, "db-start");
            restartedAt = Instant.now();
            assertThat(restart.exit()).as("./hub db-start after kill -9:\n" + restart.output()).isZero();
            databaseDown = false;
            awaitTrue("the hub ready after the database was killed", Duration.ofSeconds(90), this::ready);
            phases.add("C killed " + Duration.between(killedAt, restartedAt).toMillis() + " ms: ServiceUnavailable "
                    + timing(ledger.calls(killedAt, restartedAt, "unavailable")) + ", ready "
                    + Duration.between(restartedAt, Instant.now()).toMillis() + " ms after db-start");
            awaitReceipts(ledger, 3);
            done.set(true);
            for (Future<?> f : work) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
            patient.close();
            if (hungPid != 0) {
                signal("CONT", hungPid);
            }
            if (databaseDown) {
                // the next scenario needs it, whatever happened here
                System.err.println("restarting the database after a failure: " + run(120, "db-start").output());
            }
        }
        awaitDelivered(ke, ledger.trackingNumbers(), Duration.ofSeconds(120));

        Outcome outcome = ledger.outcome(ug.arrivals(), ug.calls(ledger.trackingNumbers()));
        outcome.print(String.join("; ", phases) + "; slowest answer " + slowest(ledger.calls) + " ms; receipts that "
                + "came back while it was stopped: " + receiptsDuringOutage.get() + " (no hub restart)");
        outcome.assertNothingLostOrDuplicated();
        assertThat(ledger.unexpected).as("answers other than a receipt, ServiceUnavailable or a transport error")
                .isEmpty();
        assertThat(ledger.calls(stoppedAt, stoppedUntil, "unavailable")).as("ServiceUnavailable while stopped")
                .isNotEmpty();
        assertThat(ledger.calls(killedAt, restartedAt, "unavailable")).as("ServiceUnavailable while killed")
                .isNotEmpty();
        // while hung, the hub gives up on the database by itself (socket timeout) and says so before it resumes
        assertThat(ledger.calls.stream().filter(c -> c.outcome().equals("unavailable"))
                .filter(c -> c.started().plusMillis(c.millis()).isAfter(hungAt))
                .filter(c -> c.started().plusMillis(c.millis()).isBefore(resumedAt)).count())
                .as("ServiceUnavailable answered while the database was still hung").isPositive();
        // no answer waited Payara's minutes
        assertThat(slowest(ledger.calls.stream().filter(c -> c.outcome().equals("receipt")
                || c.outcome().equals("unavailable")).toList())).as("slowest answer, ms").isLessThan(60_000);
        assertHalfStoredNone(ledger);
    }

    /** Waits for {@code more} receipts beyond the current count: the load flows again. */
    private static void awaitReceipts(Ledger ledger, int more) throws InterruptedException {
        int target = ledger.receipts() + more;
        awaitTrue(more + " more receipts", Duration.ofSeconds(120), () -> ledger.receipts() >= target);
    }

    /** The embedded mariadbd of this hub, found as the launcher finds it: by its data folder. */
    private long mariadbPid() {
        String datadir = "--datadir=" + dataDir.resolve("db");
        List<ProcessHandle> servers = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(
                line -> (line + " ").contains(datadir + " ")).orElse(false)).toList();
        assertThat(servers).as("mariadbd with " + datadir).hasSize(1);
        return servers.get(0).pid();
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal + " " + pid)
                .isTrue();
    }

    /** Failed PUSH attempts whose recorded detail contains {@code detail}, per tracking number. */
    private Map<String, Integer> failedAttempts(List<String> trackingNumbers, String detail) {
        return countPerTrackingNumber("SELECT COUNT(*) FROM delivery_attempt a JOIN exchange_message m ON m.id = "
                + "a.message_id WHERE m.tracking_number = ? AND a.kind = 'PUSH' AND a.outcome = 'FAILED' "
                + "AND a.detail LIKE ?", trackingNumbers, detail);
    }

    /** DELIVERY_ATTEMPTED audit records with outcome FAILED whose detail contains {@code detail}. */
    private Map<String, Integer> auditedFailedAttempts(List<String> trackingNumbers, String detail) {
        return countPerTrackingNumber("SELECT COUNT(*) FROM audit_record WHERE tracking_number = ? AND action = "
                + "'DELIVERY_ATTEMPTED' AND outcome = 'FAILED' AND detail LIKE ?", trackingNumbers, detail);
    }

    private Map<String, Integer> countPerTrackingNumber(String sql, List<String> trackingNumbers, String detail) {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort
                + "/hub?sslMode=DISABLED", "root", ""); PreparedStatement s = c.prepareStatement(sql)) {
            for (String trackingNumber : trackingNumbers) {
                s.setString(1, trackingNumber);
                s.setString(2, "%" + detail + "%");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    counts.put(trackingNumber, rs.getInt(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading the attempts of " + trackingNumbers, e);
        }
        return counts;
    }

    /**
     * Four clients submit (two Kenya -> Uganda, pushed; two Uganda -> Kenya, pulled and acknowledged by a fifth thread)
     * while the Payara Micro process is killed with SIGKILL and started again with {@code ./hub start --detach}.
     * Clients resend the same SenderMessageId on any error or missing answer until they hold a receipt. Every
     * acknowledged document reaches its recipient exactly once after dedup by tracking number.
     */
    @Test
    @Order(5)
    void theHubKilledUnderLoadDeliversEveryAcknowledgedDocumentExactlyOnce() throws Exception {
        int perClient = 12;
        Ledger pushed = new Ledger("2 kill -9, KE -> UG (PUSH)");
        Ledger pulled = new Ledger("2 kill -9, UG -> KE (PULL)");
        Map<String, ReceivedDocument> pulledDocuments = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> pullCounts = new ConcurrentHashMap<>();
        AtomicBoolean sendersDone = new AtomicBoolean();
        AtomicInteger pullerErrors = new AtomicInteger();
        // a restart of Payara Micro takes 10-20 s on a quiet machine, minutes on a busy one
        Instant deadline = Instant.now().plusSeconds(420);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> senders = new ArrayList<>();
        for (int c = 1; c <= 2; c++) {
            int client = c;
            senders.add(pool.submit(() -> {
                for (int i = 1; i <= perClient; i++) {
                    submitUntilReceipt(ke, pushed, co("KE", "UG", "KE-S2-" + client + "-" + i, "s2-ke-" + client
                            + "-" + i), deadline);
                    pause(200);
                }
                return null;
            }));
            senders.add(pool.submit(() -> {
                for (int i = 1; i <= perClient; i++) {
                    submitUntilReceipt(ugClient, pulled, co("UG", "KE", "UG-S2-" + client + "-" + i, "s2-ug-"
                            + client + "-" + i), deadline);
                    pause(200);
                }
                return null;
            }));
        }
        Future<?> puller = pool.submit(() -> {
            // Kenya's gateway pulls and acknowledges until everything receipted has come
            while (Instant.now().isBefore(deadline)) {
                if (sendersDone.get() && pulledDocuments.keySet().containsAll(pulled.trackingNumbers())) {
                    return null;
                }
                try {
                    List<ReceivedDocument> batch = ke.pull(20).documents();
                    for (ReceivedDocument d : batch) {
                        pullCounts.computeIfAbsent(d.trackingNumber(), k -> new AtomicInteger()).incrementAndGet();
                        pulledDocuments.putIfAbsent(d.trackingNumber(), d);
                        ke.acknowledge(d.trackingNumber(), AcknowledgementKind.OK, null);
                    }
                    if (batch.isEmpty()) {
                        pause(300);
                    }
                } catch (HubFaultException | HubUnreachableException | UntrustedMessageException e) {
                    pullerErrors.incrementAndGet();
                    pause(1_000);
                }
            }
            return null;
        });
        Duration restart;
        long killedPid;
        int receiptsAtKill;
        try {
            awaitTrue("receipts before the kill", Duration.ofSeconds(60),
                    () -> pushed.receipts() + pulled.receipts() >= 10);
            killedPid = Long.parseLong(Files.readString(dataDir.resolve("run/hub.pid")).strip());
            ProcessHandle hub = ProcessHandle.of(killedPid).orElseThrow();
            assertThat(hub.info().commandLine().orElse("")).as("the pid file names Payara Micro")
                    .contains("payara-micro.jar");
            receiptsAtKill = pushed.receipts() + pulled.receipts();
            Instant killedAt = Instant.now();
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(killedPid)).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -9").isTrue();
            awaitTrue("the hub process gone", Duration.ofSeconds(10), () -> !hub.isAlive());
            LauncherRun start = run(440, "start", "--detach");
            assertThat(start.exit()).as("./hub start --detach after kill -9:\n" + start.output()).isZero();
            restart = Duration.between(killedAt, Instant.now());
            for (Future<?> f : senders) {
                f.get(240, TimeUnit.SECONDS);
            }
            sendersDone.set(true);
            puller.get(240, TimeUnit.SECONDS);
        } finally {
            sendersDone.set(true);
            pool.shutdownNow();
        }
        awaitDelivered(ke, pushed.trackingNumbers(), Duration.ofSeconds(120));
        awaitDelivered(ugClient, pulled.trackingNumbers(), Duration.ofSeconds(30));

        Outcome push = pushed.outcome(ug.arrivals(), ug.calls(pushed.trackingNumbers()));
        Map<String, Delivery> pulledArrivals = new LinkedHashMap<>();
        pulledDocuments.forEach((t, d) -> pulledArrivals.put(t, new Delivery(d, 1, Instant.now(),
                AcknowledgementKind.OK, null, null)));
        Outcome pull = pulled.outcome(pulledArrivals,
                pullCounts.values().stream().mapToInt(AtomicInteger::get).sum());
        push.print("hub pid " + killedPid + " killed after " + receiptsAtKill + " receipts, back and ready "
                + restart.toMillis() + " ms later (./hub start --detach)");
        pull.print("puller errors while the hub was away: " + pullerErrors.get());
        push.assertNothingLostOrDuplicated();
        pull.assertNothingLostOrDuplicated();
        assertThat(pushed.sent() + pulled.sent()).isEqualTo(4 * perClient);
        assertThat(pushed.unexpected).as("unexpected answers (KE)").isEmpty();
        assertThat(pulled.unexpected).as("unexpected answers (UG)").isEmpty();
        assertHalfStoredNone(pushed);
        assertHalfStoredNone(pulled);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** What a scenario's clients sent and got back; thread-safe. */
    private static final class Ledger {
        final String name;
        final Map<String, String> receiptByMessage = new ConcurrentHashMap<>();
        /** Message ids whose resend came back with another tracking number: stored twice. */
        final Map<String, Set<String>> conflicting = new ConcurrentHashMap<>();
        final Set<String> messages = ConcurrentHashMap.newKeySet();
        final AtomicInteger submissions = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger unreachable = new AtomicInteger();
        final AtomicInteger unverifiable = new AtomicInteger();
        /** The longest a ServiceUnavailable answer took, in ms. */
        final java.util.concurrent.atomic.AtomicLong slowestRefusal = new java.util.concurrent.atomic.AtomicLong();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        /** Every SubmitDocument call: when it started, how long it took, how it ended. */
        final List<Call> calls = new CopyOnWriteArrayList<>();

        Ledger(String name) {
            this.name = name;
        }

        int sent() {
            return messages.size();
        }

        void call(Instant started, long startNanos, String outcome) {
            calls.add(new Call(started, (System.nanoTime() - startNanos) / 1_000_000, outcome));
        }

        /** The calls that started in [from, to) and ended with this outcome. */
        List<Call> calls(Instant from, Instant to, String outcome) {
            return calls.stream().filter(c -> !c.started().isBefore(from) && c.started().isBefore(to))
                    .filter(c -> c.outcome().equals(outcome)).toList();
        }

        int receipts() {
            return receiptByMessage.size();
        }

        List<String> trackingNumbers() {
            return List.copyOf(new TreeMap<>(receiptByMessage).values());
        }

        void receipt(String messageId, String trackingNumber) {
            String first = receiptByMessage.putIfAbsent(messageId, trackingNumber);
            if (first != null && !first.equals(trackingNumber)) {
                conflicting.computeIfAbsent(messageId, k -> ConcurrentHashMap.newKeySet())
                        .addAll(List.of(first, trackingNumber));
            }
        }

        /**
         * Compares the receipts with what the recipient got. {@code arrivals}: tracking number -> first arrival;
         * {@code handovers}: how many times this ledger's documents were handed over and taken (pushed and
         * acknowledged, or pulled), repeats included.
         */
        Outcome outcome(Map<String, Delivery> arrivals, int handovers) {
            Set<String> receipted = Set.copyOf(receiptByMessage.values());
            List<String> lost = receipted.stream().filter(t -> !arrivals.containsKey(t)).sorted().toList();
            // a message id that reached the recipient under two tracking numbers was stored and delivered twice
            Map<String, List<String>> byMessage = arrivals.values().stream()
                    .filter(d -> messages.contains(d.document().envelope().senderMessageId()))
                    .collect(Collectors.groupingBy(d -> d.document().envelope().senderMessageId(),
                            Collectors.mapping(d -> d.document().trackingNumber(), Collectors.toList())));
            List<String> duplicated = byMessage.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
            int arrived = (int) arrivals.keySet().stream().filter(receipted::contains).count();
            int repeats = handovers - arrived;
            List<String> notIntact = arrivals.values().stream().filter(d -> receipted.contains(
                    d.document().trackingNumber())).filter(d -> !d.document().payloadIntact())
                    .map(d -> d.document().trackingNumber()).toList();
            return new Outcome(this, arrived, lost, duplicated, repeats, notIntact);
        }
    }

    /** One SubmitDocument call. {@code outcome}: receipt, unavailable, unreachable, unverifiable or unexpected. */
    private record Call(Instant started, long millis, String outcome) {
    }

    /** "n (median x ms, max y ms)" of some calls. */
    private static String timing(List<Call> calls) {
        if (calls.isEmpty()) {
            return "0";
        }
        List<Long> millis = calls.stream().map(Call::millis).sorted().toList();
        return calls.size() + " (median " + millis.get(millis.size() / 2) + " ms, max " + millis.get(millis.size() - 1)
                + " ms)";
    }

    private static long slowest(List<Call> calls) {
        return calls.stream().mapToLong(Call::millis).max().orElse(0);
    }

    private record Outcome(Ledger ledger, int arrived, List<String> lost, List<String> duplicated, int rawRepeats,
            List<String> notIntact) {

        void print(String detail) {
            System.out.printf("FAULT INJECTION [%s]: sent %d, submissions %d (resends after ServiceUnavailable %d, "
                    + "transport errors %d, unverifiable answers %d), receipts %d, arrived %d, lost %d, "
                    + "duplicates after dedup %d, raw repeats %d; %s%n", ledger.name, ledger.sent(),
                    ledger.submissions.get(), ledger.unavailable.get(), ledger.unreachable.get(),
                    ledger.unverifiable.get(), ledger.receipts(), arrived, lost.size(),
                    duplicated.size() + ledger.conflicting.size(), rawRepeats, detail);
            if (!ledger.unexpected.isEmpty()) {
                System.out.printf("FAULT INJECTION [%s]: unexpected answers %s%n", ledger.name, ledger.unexpected);
            }
        }

        void assertNothingLostOrDuplicated() {
            assertThat(ledger.receipts()).as(ledger.name + ": every message sent has a receipt")
                    .isEqualTo(ledger.sent());
            assertThat(lost).as(ledger.name + ": receipted but never arrived").isEmpty();
            assertThat(duplicated).as(ledger.name + ": one message id, several tracking numbers").isEmpty();
            assertThat(ledger.conflicting).as(ledger.name + ": a resend answered with another receipt").isEmpty();
            assertThat(notIntact).as(ledger.name + ": payload altered").isEmpty();
            assertThat(arrived).isEqualTo(ledger.receipts());
        }
    }

    /**
     * A PUSH gateway on a fixed port that can go down and come back: a new simulator each time, counted together.
     */
    private final class Recipient implements AutoCloseable {
        private final String member;
        private final GatewayKeystore keys;
        private final int port;
        private final List<GatewaySimulator> generations = new CopyOnWriteArrayList<>();
        private volatile GatewaySimulator current;

        Recipient(String member, GatewayKeystore keys, int port) {
            this.member = member;
            this.keys = keys;
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port + "/gateway/" + member.toLowerCase(java.util.Locale.ROOT);
        }

        void up(int refuseFirst) throws IOException {
            GatewaySimulator simulator = GatewaySimulator.builder(keys, PinnedCertificates.of(hubCertificate))
                    .host("127.0.0.1").port(port).path("/gateway/" + member.toLowerCase(java.util.Locale.ROOT))
                    .failNext(refuseFirst).start();
            assertThat(simulator.url()).isEqualTo(url());
            generations.add(simulator);
            current = simulator;
        }

        void down() {
            GatewaySimulator simulator = current;
            current = null;
            if (simulator != null) {
                simulator.close();
            }
        }

        void delay(Duration wait) {
            current.delay(wait);
        }

        void stall(Duration hold) {
            current.stall(hold);
        }

        int stalledDeliveries() {
            return generations.stream().mapToInt(GatewaySimulator::stalledDeliveries).sum();
        }

        /** First arrival of each tracking number, over every generation. */
        Map<String, Delivery> arrivals() {
            Map<String, Delivery> all = new LinkedHashMap<>();
            for (GatewaySimulator g : generations) {
                for (Delivery d : g.received()) {
                    all.putIfAbsent(d.document().trackingNumber(), d);
                }
            }
            return all;
        }

        /** DeliverDocument calls for these tracking numbers, over every generation: firsts, retries, repeats. */
        int calls(Collection<String> trackingNumbers) {
            int calls = 0;
            for (GatewaySimulator g : generations) {
                for (String t : trackingNumbers) {
                    calls += g.deliveries(t);
                }
            }
            return calls;
        }

        int deliveries() {
            return generations.stream().mapToInt(GatewaySimulator::deliveries).sum();
        }

        int unavailableAnswers() {
            return generations.stream().mapToInt(GatewaySimulator::unavailableAnswers).sum();
        }

        @Override
        public void close() {
            generations.forEach(GatewaySimulator::close);
        }

        @Override
        public String toString() {
            return "Recipient[" + url() + "]";
        }
    }

    private static Receipt submitUntilReceipt(HubClient client, Ledger ledger, Submission submission,
            Instant deadline) {
        return submitUntilReceipt(client, ledger, submission, deadline, () -> { });
    }

    /**
     * What a careful gateway does: resend the same SenderMessageId after ServiceUnavailable, no answer or an answer
     * it cannot verify, until it holds a receipt. Any other fault is unexpected and ends the attempt.
     */
    private static Receipt submitUntilReceipt(HubClient client, Ledger ledger, Submission submission,
            Instant deadline, Runnable onReceipt) {
        String messageId = submission.envelope().senderMessageId();
        ledger.messages.add(messageId);
        int failures = 0;
        while (Instant.now().isBefore(deadline)) {
            ledger.submissions.incrementAndGet();
            Instant started = Instant.now();
            long sentAt = System.nanoTime();
            try {
                Receipt receipt = client.submit(submission);
                ledger.call(started, sentAt, "receipt");
                onReceipt.run();
                ledger.receipt(messageId, receipt.trackingNumber());
                return receipt;
            } catch (HubFaultException e) {
                if (!"ServiceUnavailable".equals(e.code())) {
                    ledger.call(started, sentAt, "unexpected");
                    ledger.unexpected.add(messageId + ": " + e.getMessage());
                    return null;
                }
                ledger.call(started, sentAt, "unavailable");
                ledger.unavailable.incrementAndGet();
                ledger.slowestRefusal.accumulateAndGet((System.nanoTime() - sentAt) / 1_000_000, Math::max);
            } catch (HubUnreachableException e) {
                ledger.call(started, sentAt, "unreachable");
                ledger.unreachable.incrementAndGet();
            } catch (UntrustedMessageException e) {
                ledger.call(started, sentAt, "unverifiable");
                ledger.unverifiable.incrementAndGet();
            }
            // back off a little, as a gateway should, so that a restarting hub is not hammered
            pause(Math.min(2_000, 250L << Math.min(failures++, 3)));
        }
        ledger.unexpected.add(messageId + ": no receipt before the deadline");
        return null;
    }

    /**
     * Nothing half-stored: every receipt names a stored envelope with its payload and its DOCUMENT_RECEIVED audit
     * record, and exactly one envelope was stored per message id.
     */
    private void assertHalfStoredNone(Ledger ledger) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort
                + "/hub?sslMode=DISABLED", "root", "");
                PreparedStatement s = c.prepareStatement("SELECT m.tracking_number, "
                        + "(SELECT COUNT(*) FROM exchange_payload p WHERE p.message_id = m.id), "
                        + "(SELECT COUNT(*) FROM audit_record a WHERE a.tracking_number = m.tracking_number "
                        + "AND a.action = 'DOCUMENT_RECEIVED') FROM exchange_message m WHERE m.sender_message_id = ?")) {
            for (Map.Entry<String, String> receipt : new TreeMap<>(ledger.receiptByMessage).entrySet()) {
                s.setString(1, receipt.getKey());
                List<String> stored = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1) + " payload=" + rs.getInt(2) + " audit=" + rs.getInt(3));
                    }
                }
                assertThat(stored).as(ledger.name + ": stored for " + receipt.getKey())
                        .containsExactly(receipt.getValue() + " payload=1 audit=1");
            }
        }
    }

    private static List<Tracking> awaitDelivered(HubClient client, List<String> trackingNumbers, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<Tracking> tracking = List.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                tracking = new ArrayList<>();
                for (int from = 0; from < trackingNumbers.size(); from += 100) {
                    tracking.addAll(client.track(trackingNumbers.subList(from, Math.min(trackingNumbers.size(),
                            from + 100))));
                }
                if (tracking.stream().allMatch(t -> t.deliveryStatus() == DeliveryStatus.DELIVERED)) {
                    return tracking;
                }
            } catch (HubFaultException | HubUnreachableException e) {
                // the hub is still recovering; ask again
            }
            Thread.sleep(500);
        }
        Map<String, DeliveryStatus> status = new TreeMap<>();
        tracking.forEach(t -> status.put(t.trackingNumber(), t.deliveryStatus()));
        assertThat(status.values()).as("delivery status after " + timeout + ": " + status)
                .containsOnly(DeliveryStatus.DELIVERED);
        return tracking;
    }

    private static void awaitTrue(String what, Duration timeout, Supplier<Boolean> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (HubFaultException | HubUnreachableException e) {
                // not yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Submission co(String from, String to, String coNumber, String messageId) {
        return SampleSubmissions.co(from, to, AGREEMENT, coNumber, messageId);
    }

    private boolean ready() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().startsWith("{\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HubClient client(GatewayKeystore keys) {
        return client(keys, Duration.ofSeconds(30));
    }

    private HubClient client(GatewayKeystore keys, Duration receiveTimeout) {
        return HubClient.builder().hubUrl("http://127.0.0.1:" + port + "/").keystore(keys)
                .trustedHub(PinnedCertificates.of(hubCertificate)).connectTimeout(Duration.ofSeconds(5))
                .receiveTimeout(receiveTimeout).build();
    }

    private GatewayKeystore keystore(String name, TestPki.Issued issued) throws IOException {
        Path file = dataDir.resolve(name + "-gateway.p12");
        Files.write(file, issued.pkcs12("gateway", KEY_PASSWORD));
        return GatewayKeystore.load(file, KEY_PASSWORD, "gateway");
    }

    private void registerGateway(String member, String name, String mode, String endpoint, TestPki.Issued certificate)
            throws Exception {
        String permissions = "[\"SEND:CERTIFICATE_OF_ORIGIN\",\"RECEIVE:CERTIFICATE_OF_ORIGIN\"]";
        HttpResponse<String> request = post("admin/gateways", "{\"memberCode\":\"" + member + "\",\"name\":\"" + name
                + "\",\"deliveryMode\":\"" + mode + "\","
                + (endpoint == null ? "" : "\"endpointUrl\":\"" + endpoint + "\",")
                + "\"permissions\":" + permissions + ",\"certificate\":\"" + json(certificate.pem()) + "\"}");
        assertThat(request.statusCode()).as(request.body()).isEqualTo(202);
        HttpResponse<String> approved = post("admin/requests/" + field(request.body(), "id") + "/approve", "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    /** The hub certificate, from the signed directory (the test takes it on first use; a member pins it). */
    private X509Certificate hubCertificate(TestPki.Issued gateway) throws Exception {
        HttpResponse<String> directory = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/services/registry")).header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(SignedSoap.sign(
                        "<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", gateway))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(directory.statusCode()).as(directory.body()).isEqualTo(200);
        Matcher m = Pattern.compile("<HubCertificate>([^<]+)</HubCertificate>").matcher(directory.body());
        assertThat(m.find()).as(directory.body()).isTrue();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private LauncherRun run(int timeoutSeconds, String... args) throws Exception {
        return LauncherRun.of(env, dataDir, timeoutSeconds, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }


}
