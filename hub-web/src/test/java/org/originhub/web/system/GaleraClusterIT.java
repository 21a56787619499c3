package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.HubFaultException;
import org.originhub.gatewaykit.client.HubUnreachableException;
import org.originhub.gatewaykit.client.Pull;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.client.Tracking;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.security.UntrustedMessageException;

/**
 * The hub on a three-node MariaDB Galera cluster, through the launcher as an operator runs it
 * ({@code ./hub start --db galera --demo}, {@code ./hub demo}, {@code ./hub db-node kill|start}), with the demo
 * community's gateways played by the gateway kit in this JVM (the demo's keystores, its PUSH simulators started by
 * {@code ./hub demo}). One cluster for the whole class; the methods run in order and build on each other: the demo
 * plays, then the Galera node the hub writes through is killed under load, then it rejoins.
 *
 * <p>Under the kill: every submission the hub receipted is delivered (PUSH to the simulators, PULL by the test), none
 * is lost, gateways meet {@code ServiceUnavailable} (counted; they resend the same message id) and never
 * {@code InternalError}; the admin API answers 503, never 500. Phase durations and the failover figures are printed.
 *
 * <p>Without the Debian packages (galera-4, mariadb-server, mariadb-backup, socat) the class is skipped with a
 * message, except under CI ({@code CI=true}), where it fails: {@code .ci/install-cluster} installs them as root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(GaleraClusterIT.PackagesInstalled.class)
class GaleraClusterIT {

    /** Hub nodes behind HAProxy, over the Galera cluster (as ClusterIT runs them over the embedded database). */
    static final int HUB_NODES = 3;
    static final int DB_NODES = 3;
    static final int THREADS = 8;
    static final int PER_THREAD = 28;
    /** Receipts before the kill: the kill lands under load, with submissions in flight. */
    static final int RECEIPTS_BEFORE_KILL = 40;
    static final String AGREEMENT = "EAC-CO-DEMO";

    private static final Path REPO = LauncherRun.REPO;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN_PASSWORD = "galera-cluster-admin-password";

    private final Map<String, Long> phases = new LinkedHashMap<>();
    private Path dataDir;
    private int port;
    private int sqlPort;
    private Map<String, String> env;
    private boolean started;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();

    /** Filled by the kill scenario, checked after the rejoin. */
    private int killedNode;
    private final Set<String> writtenWhileDown = ConcurrentHashMap.newKeySet();

    /** Skips the class before anything starts when the packages are missing; under CI they must be there. */
    static final class PackagesInstalled implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(Path.of("/usr/sbin/mariadbd"))
                    && Files.isRegularFile(Path.of("/usr/lib/galera/libgalera_smm.so"))
                    && Files.isExecutable(Path.of("/usr/bin/mariabackup")) && Files.isExecutable(Path.of("/usr/bin/socat"))) {
                return ConditionEvaluationResult.enabled("the Galera packages are installed");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: the Galera test must run, so it will fail");
            }
            return ConditionEvaluationResult.disabled("Galera cluster test skipped: the Debian packages are missing "
                    + "(run .ci/install-cluster as root, or apt-get install galera-4 mariadb-server mariadb-backup "
                    + "socat)");
        }
    }

    @BeforeAll
    void startTheHubOnAGaleraCluster() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "galera-cluster").toAbsolutePath();
        // one block of free ports: the front's, the demo's two simulators, the SQL ports, the group ports (database
        // node K takes 10 from groupPort + 10 (K - 1): its group, IST and SST ports), then the hub nodes' HTTP and
        // data grid ports
        int block = LoopbackPorts.freeRange(8 + 10 * DB_NODES + 2 * HUB_NODES);
        port = block;
        int simulatorPort = block + 1;
        sqlPort = block + 3;
        int groupPort = block + 8;
        int nodePort = groupPort + 10 * DB_NODES;
        env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("HUB_"));
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_HTTP_PORT", Integer.toString(port));
        env.put("HUB_GALERA_PORT", Integer.toString(sqlPort));
        env.put("HUB_GALERA_GROUP_PORT", Integer.toString(groupPort));
        env.put("HUB_DEMO_SIMULATOR_PORT", Integer.toString(simulatorPort));
        env.put("HUB_NODE_PORT", Integer.toString(nodePort));
        env.put("HUB_GRID_PORT", Integer.toString(nodePort + HUB_NODES));
        env.put("HUB_SKIP_BUILD", "1");
        env.put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("HUB_DELIVERY_POLL", "PT1S");
        env.put("HUB_DELIVERY_RETRY_FIRST", "PT1S");
        env.put("HUB_DELIVERY_RETRY_MAX", "PT2S");
        env.put("HUB_DELIVERY_LEASE", "PT30S");
        // a start takes a minute on a quiet machine and minutes on a busy CI runner (the migrations run as DDL
        // replicated to every node)
        env.put("HUB_START_TIMEOUT", "600");
        started = true;
        List<String> start = new ArrayList<>(List.of("start", "--detach", "--db", "galera", "--demo"));
        if (HUB_NODES > 1) {
            start.addAll(List.of("--nodes", Integer.toString(HUB_NODES)));
        }
        LauncherRun result = timed("start (" + DB_NODES + " Galera nodes, " + HUB_NODES + " hub node(s), demo seeded)",
                () -> run(900, start.toArray(String[]::new)));
        assertThat(result.exit()).as("./hub start --db galera --demo:\n" + result.output()).isZero();
        assertThat(result.output()).contains("Galera cluster ready");
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (started) {
                LauncherRun stop = timed("stop", () -> run(300, "stop"));
                assertThat(stop.exit()).as("./hub stop:\n" + stop.output()).isZero();
                // the three nodes' data (over 600 MB: InnoDB files, Galera's write-set caches) is not worth keeping
                // in target/ once they are stopped; their logs under run/ are kept
                deleteTree(dataDir.resolve("galera"));
            }
        } finally {
            System.out.println("GaleraClusterIT phases (s): " + phases.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format("%.1f", e.getValue() / 1000.0)).toList());
        }
    }

    @Test
    @Order(1)
    void theDemoPlaysItsScenarioOnTheClusterAndStatusShowsEveryDatabaseNode() throws Exception {
        LauncherRun demo = timed("./hub demo", () -> run(600, "demo"));
        if (demo.exit() != 0) {
            assertThat(demo.exit()).as("./hub demo:\n" + demo.output() + "\nthe nodes' busy threads after it:\n"
                    + LauncherRun.threadDumps(dataDir.resolve("run"))).isZero();
        }

        LauncherRun status = run(60, "status");
        assertThat(status.exit()).as(status.output()).isZero();
        for (int k = 1; k <= DB_NODES; k++) {
            assertThat(status.output()).as(status.output()).containsPattern("database node " + k + ": pid \\d+, port "
                    + (sqlPort + k - 1) + ", Synced, cluster size " + DB_NODES);
        }
    }

    @Test
    @Order(2)
    void killingTheNodeTheHubWritesThroughLosesNothingAndGatewaysOnlySeeServiceUnavailable() throws Exception {
        killedNode = writerNode();
        Gateways gateways = new Gateways();
        Ledger ledger = new Ledger();
        AtomicBoolean loadRunning = new AtomicBoolean(true);
        Map<String, AtomicInteger> apiAnswers = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> readiness = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 3);
        Instant killedAt;
        long loadStarted = System.nanoTime();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        send(gateways, ledger, thread, i);
                    }
                    return null;
                }));
            }
            Future<?> puller = pool.submit(() -> pullWhile(gateways.tz, ledger, loadRunning));
            Future<?> api = pool.submit(() -> pollWhile(loadRunning, apiAnswers, readiness));
            while (ledger.receipts.size() < RECEIPTS_BEFORE_KILL) {
                Thread.sleep(50);
            }
            LauncherRun kill = run(60, "db-node", "kill", Integer.toString(killedNode));
            killedAt = Instant.now();
            assertThat(kill.exit()).as(kill.output()).isZero();
            ledger.killed.set(true);
            for (Future<?> sender : senders) {
                sender.get(10, TimeUnit.MINUTES);
            }
            phases.put("load (" + ledger.receipts.size() + " receipts, node " + killedNode + " killed)",
                    (System.nanoTime() - loadStarted) / 1_000_000);
            awaitDelivered(gateways, ledger, Duration.ofMinutes(3));
            double seconds = Duration.between(killedAt, Instant.now()).toMillis() / 1000.0;
            loadRunning.set(false);
            puller.get(1, TimeUnit.MINUTES);
            api.get(1, TimeUnit.MINUTES);

            System.out.printf("GaleraClusterIT failover: Galera node %d (the writer) killed after %d receipts; %d "
                    + "submissions, %d receipts, ServiceUnavailable %d, InternalError %d, other faults %d, "
                    + "unreachable %d; all delivered %.1f s after the kill; admin API %s; readiness %s%n",
                    killedNode, RECEIPTS_BEFORE_KILL, ledger.messages.size(), ledger.receipts.size(),
                    ledger.unavailable.get(), ledger.internalErrors.get(), ledger.otherFaults.size(),
                    ledger.unreachable.get(), seconds, new TreeMap<>(apiAnswers), new TreeMap<>(readiness));
            assertThat(ledger.internalErrors.get()).as("InternalError faults").isZero();
            assertThat(ledger.otherFaults).as("faults other than ServiceUnavailable").isEmpty();
            assertThat(ledger.receipts.keySet()).as("every submission receipted in the end")
                    .containsExactlyInAnyOrderElementsOf(ledger.messages);
            assertThat(apiAnswers).as("admin API answers during the failover").doesNotContainKey("500");
            List<String> pullBound = ledger.receipts.entrySet().stream()
                    .filter(e -> "TZ".equals(ledger.recipient.get(e.getKey()))).map(Map.Entry::getValue).toList();
            assertThat(ledger.pulled.keySet()).as("PULL documents fetched by TZ").containsAll(pullBound);
            assertThat(writerNode()).as("the node the hub writes through now").isNotEqualTo(killedNode);
            // every receipted document is stored once on the surviving nodes
            for (int k = 1; k <= DB_NODES; k++) {
                if (k != killedNode) {
                    assertThat(storedOn(k, ledger.receipts.values())).as("rows on node " + k)
                            .isEqualTo(ledger.receipts.size());
                }
            }
            writtenWhileDown.addAll(ledger.afterKill);
            assertThat(writtenWhileDown).as("documents receipted while the node was down").isNotEmpty();
        } finally {
            loadRunning.set(false);
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            gateways.close();
        }
    }

    @Test
    @Order(3)
    void theKilledNodeRejoinsHoldsWhatWasWrittenWhileItWasDownAndTheAuditChainVerifies() throws Exception {
        assertThat(killedNode).as("the node killed in the previous scenario").isPositive();
        LauncherRun start = timed("db-node start " + killedNode + " (rejoin)",
                () -> run(600, "db-node", "start", Integer.toString(killedNode)));
        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(wsrepState(killedNode)).isEqualTo("Synced");
        assertThat(storedOn(killedNode, writtenWhileDown)).as("documents written while node " + killedNode
                + " was down, on it now").isEqualTo(writtenWhileDown.size());

        LauncherRun status = run(60, "status");
        assertThat(status.output()).as(status.output()).containsPattern("database node " + killedNode
                + ": pid \\d+, port \\d+, Synced, cluster size " + DB_NODES);

        Map<String, String> audit = new HashMap<>(env);
        audit.put("HUB_AUDIT_USER", "admin");
        audit.put("HUB_AUDIT_PASSWORD", ADMIN_PASSWORD);
        LauncherRun verify = timed("audit verify", () -> run(audit, 300, "audit", "verify"));
        assertThat(verify.exit()).as("./hub audit verify:\n" + verify.output()).isZero();
    }

    // ------------------------------------------------------------------------------------------------------------

    /** KE sends to UG (PUSH) and TZ (PULL); UG sends to TZ (PULL) and KE (PUSH). */
    private void send(Gateways gateways, Ledger ledger, int thread, int i) {
        boolean fromKenya = thread % 2 == 0;
        boolean toPull = i % 2 == 0;
        String from = fromKenya ? "KE" : "UG";
        String to = toPull ? "TZ" : fromKenya ? "UG" : "KE";
        String id = "GAL-" + run + "-" + thread + "-" + i;
        Submission submission = SampleSubmissions.co(from, to, AGREEMENT, id, id);
        HubClient client = fromKenya ? gateways.ke : gateways.ug;
        ledger.messages.add(id);
        ledger.recipient.put(id, to);
        int failures = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            boolean duringKill = ledger.killed.get();
            try {
                Receipt receipt = client.submit(submission);
                ledger.receipts.put(id, receipt.trackingNumber());
                ledger.sender.put(receipt.trackingNumber(), from);
                if (duringKill) {
                    ledger.afterKill.add(receipt.trackingNumber());
                }
                return;
            } catch (HubFaultException e) {
                if ("ServiceUnavailable".equals(e.code())) {
                    ledger.unavailable.incrementAndGet();
                } else if ("InternalError".equals(e.code())) {
                    ledger.internalErrors.incrementAndGet();
                    ledger.otherFaults.add(id + ": " + e.code() + " " + e.getMessage());
                    return;
                } else {
                    ledger.otherFaults.add(id + ": " + e.code() + " " + e.getMessage());
                    return;
                }
            } catch (HubUnreachableException | UntrustedMessageException e) {
                ledger.unreachable.incrementAndGet();
            }
            pause(Math.min(2_000, 100L << Math.min(failures++, 4)));
        }
        ledger.otherFaults.add(id + ": no receipt within 5 minutes");
    }

    /** TZ's gateway pulls and acknowledges what it finds, as a PULL gateway does, tolerating the failover. */
    private void pullWhile(HubClient tz, Ledger ledger, AtomicBoolean running) {
        while (running.get()) {
            try {
                Pull pull = tz.pull(100);
                List<String> got = pull.documents().stream().map(ReceivedDocument::trackingNumber).toList();
                got.forEach(t -> ledger.pulled.merge(t, 1, Integer::sum));
                if (!got.isEmpty()) {
                    tz.acknowledge(got, AcknowledgementKind.OK, null);
                }
                if (!pull.moreAvailable()) {
                    pause(300);
                }
            } catch (HubFaultException | HubUnreachableException | UntrustedMessageException e) {
                pause(300);
            }
        }
    }

    /** The admin API and readiness as an operator's tools poll them during the failover, by answer. */
    private void pollWhile(AtomicBoolean running, Map<String, AtomicInteger> api, Map<String, AtomicInteger> ready) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        while (running.get()) {
            api.computeIfAbsent(status("/api/admin/member-states", basic), s -> new AtomicInteger()).incrementAndGet();
            ready.computeIfAbsent(status("/health/ready", null), s -> new AtomicInteger()).incrementAndGet();
            pause(200);
        }
    }

    private String status(String path, String basic) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (basic != null) {
            request.header("Authorization", "Basic " + basic);
        }
        try {
            return Integer.toString(HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void awaitDelivered(Gateways gateways, Ledger ledger, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, DeliveryStatus> status = new TreeMap<>();
        while (Instant.now().isBefore(deadline)) {
            status.clear();
            try {
                for (String sender : List.of("KE", "UG")) {
                    List<String> mine = ledger.receipts.values().stream()
                            .filter(t -> sender.equals(ledger.sender.get(t))).toList();
                    HubClient client = "KE".equals(sender) ? gateways.ke : gateways.ug;
                    for (int from = 0; from < mine.size(); from += 100) {
                        for (Tracking t : client.track(mine.subList(from, Math.min(mine.size(), from + 100)))) {
                            status.put(t.trackingNumber(), t.deliveryStatus());
                        }
                    }
                }
                if (status.size() == ledger.receipts.size()
                        && status.values().stream().allMatch(s -> s == DeliveryStatus.DELIVERED)) {
                    return;
                }
            } catch (HubFaultException | HubUnreachableException | UntrustedMessageException e) {
                // still failing over: ask again
            }
            Thread.sleep(500);
        }
        assertThat(status).as("delivery status of every receipted document after " + timeout).hasSize(
                ledger.receipts.size()).allSatisfy((t, s) -> assertThat(s).as(t).isEqualTo(DeliveryStatus.DELIVERED));
    }

    /** The Galera node with the hub's connections: the one it writes through. */
    private int writerNode() throws SQLException {
        int writer = 0;
        int most = 0;
        for (int k = 1; k <= DB_NODES; k++) {
            try (Connection c = connect(k); PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'hub' AND ID <> CONNECTION_ID()");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > most) {
                    most = rs.getInt(1);
                    writer = k;
                }
            } catch (SQLException e) {
                // a node that is down holds no connection of the hub
            }
        }
        assertThat(writer).as("a Galera node holding the hub's connections").isPositive();
        return writer;
    }

    private int storedOn(int node, Collection<String> trackingNumbers) throws SQLException {
        int found = 0;
        try (Connection c = connect(node); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM exchange_message WHERE tracking_number = ?")) {
            for (String t : trackingNumbers) {
                s.setString(1, t);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    found += rs.getInt(1);
                }
            }
        }
        return found;
    }

    private String wsrepState(int node) throws SQLException {
        try (Connection c = connect(node); PreparedStatement s = c.prepareStatement(
                "SHOW GLOBAL STATUS LIKE 'wsrep_local_state_comment'"); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /** As the hub's own user, whose generated password the launcher keeps in the data folder. */
    private Connection connect(int node) throws SQLException {
        String password;
        try {
            password = Files.readString(dataDir.resolve("galera").resolve("hub-password")).strip();
        } catch (IOException e) {
            throw new SQLException("cannot read the hub's database password", e);
        }
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + (sqlPort + node - 1)
                + "/hub?sslMode=DISABLED&connectTimeout=2000", "hub", password);
    }

    /** The demo's gateways, with their keystores from the data folder and the hub certificate the demo pinned. */
    private final class Gateways implements AutoCloseable {
        final HubClient ke = client("ke");
        final HubClient ug = client("ug");
        final HubClient tz = client("tz");

        private HubClient client(String member) {
            Path dir = dataDir.resolve("demo").resolve(member);
            char[] password;
            try {
                password = Files.readString(dir.resolve("gateway.password")).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalStateException("the demo's keystore password of " + member, e);
            }
            return HubClient.builder().hubUrl("http://127.0.0.1:" + port + "/")
                    .keystore(dir.resolve("gateway.p12"), password, "gateway")
                    .hubCertificate(dataDir.resolve("demo").resolve("hub.pem"))
                    .connectTimeout(Duration.ofSeconds(5)).receiveTimeout(Duration.ofSeconds(30)).build();
        }

        @Override
        public void close() {
            for (HubClient client : List.of(ke, ug, tz)) {
                client.close();
            }
        }
    }

    /** What the gateways sent and what came back. */
    private static final class Ledger {
        final Set<String> messages = ConcurrentHashMap.newKeySet();
        final Map<String, String> receipts = new ConcurrentHashMap<>();
        final Map<String, String> recipient = new ConcurrentHashMap<>();
        final Map<String, String> sender = new ConcurrentHashMap<>();
        final Map<String, Integer> pulled = new ConcurrentHashMap<>();
        final Set<String> afterKill = ConcurrentHashMap.newKeySet();
        final List<String> otherFaults = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger internalErrors = new AtomicInteger();
        final AtomicInteger unreachable = new AtomicInteger();
        final AtomicBoolean killed = new AtomicBoolean();
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private <T> T timed(String phase, Step<T> step) throws Exception {
        long begin = System.nanoTime();
        try {
            return step.run();
        } finally {
            long millis = (System.nanoTime() - begin) / 1_000_000;
            phases.put(phase, millis);
            System.out.printf("GaleraClusterIT phase: %s took %.1f s%n", phase, millis / 1000.0);
        }
    }

    private LauncherRun run(int timeoutSeconds, String... args) throws Exception {
        return run(env, timeoutSeconds, args);
    }

    private LauncherRun run(Map<String, String> environment, int timeoutSeconds, String... args) throws Exception {
        return LauncherRun.of(environment, dataDir, timeoutSeconds, args);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
