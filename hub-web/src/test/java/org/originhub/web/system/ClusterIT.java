package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.HubFaultException;
import org.originhub.gatewaykit.client.Pull;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.client.Tracking;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.samples.SampleDocuments;

/**
 * One hub on three nodes behind HAProxy, as a user starts it: {@code ./hub start --nodes 3 --demo --detach} over the
 * embedded database, then {@code ./hub demo}; shared by every case below (in order), stopped at the end. Real
 * processes through the launcher: the nodes' data grid, the front's health checks and the drills
 * ({@code ./hub node kill|start}) are the ones operators use. Gateways are the demo's (their keystores under
 * HUB_DATA_DIR/demo); PUSH documents land in the demo simulators' stores, PULL ones are pulled here. The figures a
 * reader wants (per-node counts, failed calls, seconds to deliver, re-pushes, each phase's duration) are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path REPO = LauncherRun.REPO;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AGREEMENT = "EAC-CO-DEMO";
    private static final List<String> MEMBERS = List.of("KE", "UG", "TZ");
    private static final Set<String> PUSH = Set.of("KE", "UG");
    private static final int NODES = 3;
    private static final int LOAD_THREADS = 8;
    private static final int LOAD_PER_THREAD = 30;

    private static final Map<String, Long> PHASES = new LinkedHashMap<>();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);

    private static Path dataDir;
    private static Map<String, String> env;
    private static int front;
    private static int firstNodePort;
    private static int firstGridPort;
    /** The node id each node reports (GetHubInfo, Origin-Hub-Node), by node number. */
    private static final Map<String, Integer> NODE_BY_ID = new ConcurrentHashMap<>();
    private static final Map<String, HubClient> CLIENTS = new HashMap<>();
    private static boolean started;

    @BeforeAll
    static void startCluster() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "cluster-it").toAbsolutePath();
        // One block for every port: ranges picked one after the other are each free when picked but not held, so
        // the grid's range could take the front's port before HAProxy binds it.
        int block = LoopbackPorts.freeRange(1 + 2 * NODES + 2);
        front = block;
        firstNodePort = block + 1;
        env = new HashMap<>(System.getenv());
        // HUB_DELIVERY_LEASE passes through: a build whose nodes do not yet release a dead node's claims at once
        // can shorten the lease for its own runs; the contract under test needs no such setting.
        env.keySet().removeIf(k -> k.startsWith("HUB_") && !k.equals("HUB_DELIVERY_LEASE"));
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_HTTP_PORT", Integer.toString(front));
        env.put("HUB_NODE_PORT", Integer.toString(firstNodePort));
        firstGridPort = block + 1 + NODES;
        env.put("HUB_GRID_PORT", Integer.toString(firstGridPort));
        env.put("HUB_DEMO_SIMULATOR_PORT", Integer.toString(block + 1 + 2 * NODES));
        env.put("HUB_SKIP_BUILD", "1");
        env.put("HUB_ADMIN_PASSWORD", SystemTestData.adminPassword());
        env.put("HUB_DELIVERY_POLL", "PT1S");
        env.put("HUB_DELIVERY_RETRY_FIRST", "PT2S");
        env.put("HUB_DEMO_TIMEOUT", "120");
        // three nodes, two simulators and this test on two cores: small heaps, the serial collector
        env.put("HUB_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC");
        started = true;

        LauncherRun start = timed("start --nodes 3 --demo --detach", () -> run(900, "start", "--nodes", "3", "--demo",
                "--detach"));
        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.output()).contains("front: HAProxy on port " + front).contains("data grid");
        for (int k = 1; k <= NODES; k++) {
            HttpResponse<String> info = hubInfo(nodePort(k));
            String node = xml(info.body(), "Node");
            assertThat(info.headers().firstValue("Origin-Hub-Node")).as("node " + k + "'s header")
                    .hasValue(node);
            assertThat(NODE_BY_ID.put(node, k)).as("node ids are distinct: " + node).isNull();
        }
        System.out.printf("cluster: nodes %s on ports %d-%d behind the front on %d%n", NODE_BY_ID, firstNodePort,
                firstNodePort + NODES - 1, front);
        Path demo = dataDir.resolve("demo");
        for (String member : MEMBERS) {
            Path folder = demo.resolve(member.toLowerCase(Locale.ROOT));
            CLIENTS.put(member, HubClient.builder().hubUrl("http://127.0.0.1:" + front)
                    .keystore(folder.resolve("gateway.p12"), password(folder.resolve("gateway.password")), "gateway")
                    .hubCertificate(demo.resolve("hub.pem")).receiveTimeout(Duration.ofSeconds(60)).build());
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        CLIENTS.values().forEach(HubClient::close);
        if (started) {
            LauncherRun stop = timed("stop", () -> run(180, "stop"));
            System.out.println("cluster: phases (s) " + PHASES.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue() / 1000.0)).toList());
            assertThat(stop.exit()).as(stop.output()).isZero();
            assertThat(processesUsing(dataDir)).as("processes left behind").isEmpty();
        }
    }

    /** Case 0: a node is reached through the front only: its HTTP and data grid ports listen on loopback. */
    @Test
    @Order(0)
    void everyNodeListensOnLoopbackOnly() throws IOException {
        Map<Integer, List<String>> listening = listeningAddresses();
        for (int k = 1; k <= NODES; k++) {
            for (int port : new int[] {nodePort(k), firstGridPort + k - 1}) {
                assertThat(listening.get(port)).as("the addresses port " + port + " (node " + k + ") listens on")
                        .isNotEmpty().allMatch(ClusterIT::loopback);
            }
        }
    }

    /** Case 1: the demo plays through the front, every node answers signed submissions, the audit chain holds. */
    @Test
    @Order(1)
    void theDemoPlaysThroughTheFrontAndEveryNodeAnswers() throws Exception {
        LauncherRun demo = timed("demo", () -> run(600, "demo"));
        if (demo.exit() != 0) {
            assertThat(demo.exit()).as(demo.output() + "\nthe nodes' busy threads after it:\n"
                    + LauncherRun.threadDumps(dataDir.resolve("run"))).isZero();
        }
        assertThat(demo.output()).contains("scenario complete").contains("reusing the hub already running on port "
                + front);

        Map<Integer, Integer> answered = new TreeMap<>();
        for (int i = 0; i < 4 * NODES; i++) {
            HttpResponse<String> receipt = post(front, "exchange", sign("KE", submitRequest("KE", "UG",
                    coNumber("KE", "F" + i), "front-" + RUN + "-" + i)));
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
            assertThat(xml(receipt.body(), "TrackingNumber")).startsWith("OH-");
            answered.merge(nodeOf(receipt), 1, Integer::sum);
        }
        System.out.println("cluster: signed submissions through the front answered per node " + answered);
        assertThat(answered).as("round robin over every node").containsOnlyKeys(1, 2, 3);

        // A client offering h2c (Java's HttpClient does on every new connection) stays on HTTP/1.1 through the front:
        // a switched connection would be a tunnel to one node, outside the round robin.
        HttpClient offersH2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> ready = offersH2c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front
                + "/health/ready")).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.version()).as("the front never switches a connection to h2c")
                .isEqualTo(HttpClient.Version.HTTP_1_1);

        assertThat(auditVerify().exit()).as("the audit chain verifies").isZero();
    }

    /** Case 2: the replay guard is the cluster's, not a node's. */
    @Test
    @Order(2)
    void aSignedRequestReplayedToAnotherNodeIsRefused() throws Exception {
        byte[] signed = sign("KE", submitRequest("KE", "UG", coNumber("KE", "R"), "replay-" + RUN));

        HttpResponse<String> first = post(nodePort(1), "exchange", signed);
        HttpResponse<String> replayed = post(nodePort(2), "exchange", signed);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(nodeOf(first)).isEqualTo(1);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(500);
        assertThat(replayed.body()).contains("hub:Replay</faultcode>");
        assertThat(nodeOf(replayed)).isEqualTo(2);
    }

    /** Case 3: a suspension made on node 1 holds on node 3 within a second. */
    @Test
    @Order(3)
    void aGatewaySuspendedOnOneNodeIsRefusedByAnotherWithinASecond() throws Exception {
        String gateway = gatewayId("UG");
        HttpResponse<String> suspended = api(nodePort(1), "admin/gateways/" + gateway + "/suspend",
                "{\"reason\":\"cluster test: suspension seen by every node\"}");
        long suspendedAt = System.nanoTime();
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);

        HttpResponse<String> answer;
        int attempts = 0;
        do {
            attempts++;
            answer = post(nodePort(3), "exchange", sign("UG", submitRequest("UG", "KE", coNumber("UG", "S" + attempts),
                    "suspended-" + RUN + "-" + attempts)));
        } while (answer.statusCode() == 200 && System.nanoTime() - suspendedAt < TimeUnit.SECONDS.toNanos(1));
        long refusedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - suspendedAt);
        System.out.printf("cluster: suspension on node 1 refused by node 3 after %d ms (%d attempt(s))%n",
                refusedAfter, attempts);

        assertThat(answer.body()).as("node 3 within 1 s of the suspension").contains("hub:SenderNotActive</faultcode>");
        assertThat(nodeOf(answer)).isEqualTo(3);

        HttpResponse<String> reactivated = api(nodePort(1), "admin/gateways/" + gateway + "/reactivate",
                "{\"reason\":\"cluster test: back\"}");
        assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
        HttpResponse<String> again = post(nodePort(3), "exchange", sign("UG", submitRequest("UG", "KE",
                coNumber("UG", "A"), "reactivated-" + RUN)));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    /**
     * Case 4: {@code kill -9} of node 2 under load from 8 gateway threads (PUSH and PULL recipients): every receipted
     * document is delivered, none twice to a recipient as two documents, the gateways' retries get the first receipt.
     * While node 2 is down, a registry change is made (case 6 checks that the restarted node sees it).
     */
    @Test
    @Order(4)
    void killingANodeUnderLoadLosesNothing() throws Exception {
        int total = LOAD_THREADS * LOAD_PER_THREAD;
        Map<String, Submitted> bySenderMessageId = new ConcurrentHashMap<>();
        AtomicInteger failedCalls = new AtomicInteger();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicInteger retriedThenReceipted = new AtomicInteger();
        AtomicInteger receipts = new AtomicInteger();
        AtomicLong lastReceiptAt = new AtomicLong();
        CountDownLatch killAt = new CountDownLatch(total / 4);
        long loadStarted = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS + 1);
        AtomicLong outOfRotationMillis = new AtomicLong(-1);
        Future<LauncherRun> kill = pool.submit(() -> {
            killAt.await();
            LauncherRun killed = run(60, "node", "kill", "2");
            long killedAt = System.nanoTime();
            System.out.printf("cluster: node 2 killed after %d receipts, %.1f s into the load%n", receipts.get(),
                    (System.nanoTime() - loadStarted) / 1e9);
            while (frontNodesUp().contains("node-2") && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(30)) {
                Thread.sleep(50);
            }
            outOfRotationMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            return killed;
        });
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            int thread = t;
            threads.add(pool.submit(() -> {
                for (int i = 0; i < LOAD_PER_THREAD; i++) {
                    String from = MEMBERS.get((thread + i) % MEMBERS.size());
                    String to = MEMBERS.get((thread + i + 1 + i % 2) % MEMBERS.size());
                    String messageId = "load-" + RUN + "-" + thread + "-" + i;
                    String co = coNumber(from, thread + "-" + i);
                    byte[] payload = SampleDocuments.certificate(from, co, AGREEMENT);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    int attempt = 0;
                    while (true) {
                        attempt++;
                        try {
                            Receipt receipt = CLIENTS.get(from).submit(SampleSubmissions.co(from, to, AGREEMENT, co,
                                    messageId, payload));
                            bySenderMessageId.put(messageId, new Submitted(from, to, co, payload,
                                    receipt.trackingNumber()));
                            if (attempt > 1) {
                                retriedThenReceipted.incrementAndGet();
                            }
                            receipts.incrementAndGet();
                            lastReceiptAt.set(System.nanoTime());
                            killAt.countDown();
                            break;
                        } catch (RuntimeException failed) {
                            failedCalls.incrementAndGet();
                            failures.computeIfAbsent(failed instanceof HubFaultException fault ? fault.code()
                                    : failed.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                            if (System.nanoTime() > deadline) {
                                throw new AssertionError(messageId + " not receipted in 120 s", failed);
                            }
                            Thread.sleep(250);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> thread : threads) {
            thread.get(10, TimeUnit.MINUTES);
        }
        LauncherRun killed = kill.get(1, TimeUnit.MINUTES);
        pool.shutdown();
        long receiptedIn = TimeUnit.NANOSECONDS.toMillis(lastReceiptAt.get() - loadStarted);
        PHASES.put("load (" + total + " submissions)", receiptedIn);
        assertThat(killed.exit()).as(killed.output()).isZero();
        System.out.printf("cluster: the front took node 2 out of its rotation %d ms after the kill%n",
                outOfRotationMillis.get());
        assertThat(outOfRotationMillis.get()).as("out of the rotation within the checks' 2 x 1 s (and a margin)")
                .isBetween(0L, 3000L);
        assertThat(bySenderMessageId).hasSize(total);
        assertThat(bySenderMessageId.values().stream().map(Submitted::tracking).distinct()).hasSize(total);

        // Every receipted document delivered: PUSH ones stored by the simulators, PULL ones pulled (and acknowledged).
        Map<String, Submitted> byTracking = new HashMap<>();
        bySenderMessageId.values().forEach(s -> byTracking.put(s.tracking, s));
        Set<String> pulled = ConcurrentHashMap.newKeySet();
        AtomicInteger pulledTwice = new AtomicInteger();
        long waitStarted = System.nanoTime();
        List<String> missing = List.of();
        while (System.nanoTime() - waitStarted < TimeUnit.SECONDS.toNanos(240)) {
            Pull pull;
            do {
                pull = CLIENTS.get("TZ").pull(100);
                List<String> got = pull.documents().stream().map(ReceivedDocument::trackingNumber).toList();
                got.forEach(t -> {
                    if (!pulled.add(t)) {
                        pulledTwice.incrementAndGet();
                    }
                });
                if (!got.isEmpty()) {
                    CLIENTS.get("TZ").acknowledge(got, AcknowledgementKind.OK, null);
                }
            } while (pull.moreAvailable());
            missing = byTracking.values().stream().filter(s -> PUSH.contains(s.to)
                    ? !Files.exists(received(s.to, s.tracking)) : !pulled.contains(s.tracking))
                    .map(Submitted::tracking).toList();
            if (missing.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        long deliveredAt = System.nanoTime();
        assertThat(missing).as("receipted but not delivered").isEmpty();

        // One document per SenderMessageId at the recipients: a retry never became a second document.
        Map<String, Set<String>> trackingsPerMessage = new HashMap<>();
        for (String member : PUSH) {
            try (Stream<Path> files = Files.list(dataDir.resolve("demo/received")
                    .resolve(member.toLowerCase(Locale.ROOT)))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".envelope.txt")).toList()) {
                    String text = Files.readString(file);
                    Matcher id = Pattern.compile("SenderMessageId: (load-" + RUN + "-\\S+)").matcher(text);
                    if (id.find()) {
                        trackingsPerMessage.computeIfAbsent(id.group(1), k -> ConcurrentHashMap.newKeySet())
                                .add(xmlLine(text, "TrackingNumber"));
                        assertThat(text).contains("Acknowledgement: OK");
                    }
                }
            }
        }
        assertThat(trackingsPerMessage.values()).allSatisfy(t -> assertThat(t).hasSize(1));

        // The hub's own account: delivered, and how often it pushed each document.
        int rePushes = 0;
        List<String> notDelivered = new ArrayList<>();
        for (String member : MEMBERS) {
            List<String> sent = byTracking.values().stream().filter(s -> s.from.equals(member))
                    .map(Submitted::tracking).toList();
            for (int i = 0; i < sent.size(); i += 100) {
                for (Tracking t : awaitDelivered(member, sent.subList(i, Math.min(sent.size(), i + 100)))) {
                    if (!t.deliveryStatus().name().startsWith("DELIVERED")) {
                        notDelivered.add(t.trackingNumber() + " " + t.deliveryStatus());
                    }
                    if (PUSH.contains(byTracking.get(t.trackingNumber()).to)) {
                        rePushes += Math.max(0, t.deliveryAttempts() - 1);
                    }
                }
            }
        }
        assertThat(notDelivered).isEmpty();
        int duplicates = 0;
        for (String simulator : List.of("sim-ke", "sim-ug")) {
            String log = Files.readString(dataDir.resolve("run").resolve(simulator + ".log"));
            Matcher repeat = Pattern.compile("^repeat (\\S+) ", Pattern.MULTILINE).matcher(log);
            while (repeat.find()) {
                if (byTracking.containsKey(repeat.group(1))) {
                    duplicates++;
                }
            }
        }

        // A gateway that never saw its receipt asks again with the same SenderMessageId: it gets the first one.
        List<Map.Entry<String, Submitted>> sample = bySenderMessageId.entrySet().stream()
                .filter(e -> e.getKey().endsWith("-0")).toList();
        for (Map.Entry<String, Submitted> e : sample) {
            Submitted s = e.getValue();
            Receipt again = CLIENTS.get(s.from).submit(SampleSubmissions.co(s.from, s.to, AGREEMENT, s.co,
                    e.getKey(), s.payload));
            assertThat(again.trackingNumber()).as("the first receipt for " + e.getKey()).isEqualTo(s.tracking);
        }

        System.out.printf(Locale.ROOT, "cluster: kill -9 of node 2 under load: %d submissions from %d threads "
                        + "receipted in %.1f s; failed calls seen by the gateways %d %s, of which %d submissions "
                        + "were receipted on a retry; all delivered %.1f s after the last receipt (%.1f s after "
                        + "the load began); pushes beyond the first recorded by the hub %d, repeats answered by the "
                        + "simulators (pushed again after the kill) %d, pulled twice %d; %d "
                        + "retries with the same SenderMessageId got the first receipt%n",
                total, LOAD_THREADS, receiptedIn / 1000.0, failedCalls.get(), failures, retriedThenReceipted.get(),
                (deliveredAt - lastReceiptAt.get()) / 1e9, (deliveredAt - loadStarted) / 1e9, rePushes, duplicates,
                pulledTwice.get(), sample.size());
        assertThat(sample).hasSize(LOAD_THREADS);

        // While node 2 is down: a registry change it must see when it comes back.
        HttpResponse<String> suspended = api(nodePort(1), "admin/gateways/" + gatewayId("UG") + "/suspend",
                "{\"reason\":\"cluster test: made while node 2 was down\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
    }

    /** Case 6: node 2 started into the running cluster serves once ready and sees the change made while it was down. */
    @Test
    @Order(5)
    void aRestartedNodeServesAndSeesWhatChangedWhileItWasDown() throws Exception {
        LauncherRun start = timed("node start 2", () -> run(600, "node", "start", "2"));
        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.output()).contains("node 2 ready and back in the front's rotation");
        assertThat(frontNodesUp()).contains("node-2");
        String restarted = xml(hubInfo(nodePort(2)).body(), "Node");
        assertThat(NODE_BY_ID.get(restarted)).as("node 2 keeps its id across a restart (HUB_NODE_NAME): " + restarted)
                .isEqualTo(2);

        HttpResponse<String> refused = post(nodePort(2), "exchange", sign("UG", submitRequest("UG", "KE",
                coNumber("UG", "D"), "down-" + RUN)));
        assertThat(refused.body()).as("the suspension made while node 2 was down")
                .contains("hub:SenderNotActive</faultcode>");
        assertThat(nodeOf(refused)).isEqualTo(2);
        HttpResponse<String> reactivated = api(nodePort(1), "admin/gateways/" + gatewayId("UG") + "/reactivate",
                "{\"reason\":\"cluster test: back\"}");
        assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
        HttpResponse<String> receipt = post(nodePort(2), "exchange", sign("KE", submitRequest("KE", "UG",
                coNumber("KE", "B"), "back-" + RUN)));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        assertThat(nodeOf(receipt)).isEqualTo(2);

        LauncherRun status = run(60, "status");
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("nodes UP: node-1 node-2 node-3").contains("node 2: pid ");
        assertThat(auditVerify().exit()).as("the audit chain verifies after the kill").isZero();
    }

    // ---- the cluster's parts ------------------------------------------------------------------------------------

    private record Submitted(String from, String to, String co, byte[] payload, String tracking) {
    }

    private static int nodePort(int k) {
        return firstNodePort + k - 1;
    }

    /** The node that answered, by its number, from the Origin-Hub-Node header. */
    private static int nodeOf(HttpResponse<String> response) {
        String id = response.headers().firstValue("Origin-Hub-Node").orElseThrow(
                () -> new AssertionError("no Origin-Hub-Node header: " + response.headers().map()));
        Integer k = NODE_BY_ID.get(id);
        assertThat(k).as("a known node: " + id + " of " + NODE_BY_ID).isNotNull();
        return k;
    }

    /** The nodes HAProxy sends requests to now, from its admin socket ("show stat", the CSV's status column). */
    private static List<String> frontNodesUp() throws IOException {
        try (SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(dataDir.resolve("run/haproxy.sock")))) {
            socket.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            String csv = new String(Channels.newInputStream(socket).readAllBytes(), StandardCharsets.US_ASCII);
            List<String> up = new ArrayList<>();
            for (String line : csv.split("\n")) {
                String[] field = line.split(",", -1);
                if (field.length > 17 && field[0].equals("nodes") && field[1].startsWith("node-")
                        && field[17].startsWith("UP")) {
                    up.add(field[1]);
                }
            }
            return up;
        }
    }

    private static List<Tracking> awaitDelivered(String member, List<String> trackings) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Tracking> found;
        do {
            found = CLIENTS.get(member).track(trackings);
            if (found.stream().allMatch(t -> t.deliveryStatus().name().startsWith("DELIVERED"))) {
                return found;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return found;
    }

    private static Path received(String member, String tracking) {
        return dataDir.resolve("demo/received").resolve(member.toLowerCase(Locale.ROOT))
                .resolve(tracking + ".envelope.txt");
    }

    private static String coNumber(String member, String suffix) {
        return member + "-CL" + RUN + "-" + suffix;
    }

    private static String submitRequest(String from, String to, String coNumber, String messageId) {
        byte[] payload = SampleDocuments.certificate(from, coNumber, AGREEMENT);
        return "<x:SubmitDocumentRequest xmlns:x=\"urn:originhub:exchange:v1\" xmlns:e=\"urn:originhub:envelope:v1\">"
                + "<x:Envelope><e:From>" + from + "</e:From><e:To>" + to + "</e:To><e:Agreement>" + AGREEMENT
                + "</e:Agreement><e:DocumentType>CERTIFICATE_OF_ORIGIN</e:DocumentType>"
                + "<e:DocumentFunction>NEW</e:DocumentFunction><e:IssuerCoNumber>" + coNumber + "</e:IssuerCoNumber>"
                + "<e:SenderMessageId>" + messageId + "</e:SenderMessageId></x:Envelope>"
                + "<x:Payload><e:MediaType>application/xml</e:MediaType><e:Content>"
                + Base64.getEncoder().encodeToString(payload) + "</e:Content></x:Payload></x:SubmitDocumentRequest>";
    }

    /** Signed with the demo gateway's key of {@code member}. */
    private static byte[] sign(String member, String bodyXml) throws Exception {
        Path folder = dataDir.resolve("demo").resolve(member.toLowerCase(Locale.ROOT));
        char[] password = password(folder.resolve("gateway.password"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(folder.resolve("gateway.p12"))) {
            store.load(in, password);
        }
        return SignedSoap.sign(bodyXml, store, "gateway", password);
    }

    private static char[] password(Path file) throws IOException {
        return Files.readString(file).strip().toCharArray();
    }

    private static HttpResponse<String> post(int port, String service, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/" + service))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Listening TCP sockets by port, with their local addresses as the kernel lists them (hex, /proc/net). */
    private static Map<Integer, List<String>> listeningAddresses() throws IOException {
        Map<Integer, List<String>> byPort = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A")) { // LISTEN
                    String[] local = fields[1].split(":");
                    byPort.computeIfAbsent(Integer.parseInt(local[1], 16), p -> new ArrayList<>()).add(local[0]);
                }
            }
        }
        return byPort;
    }

    /** 127.0.0.1 as /proc/net/tcp writes it, or as an IPv4-mapped or the IPv6 loopback address in tcp6. */
    private static boolean loopback(String hexAddress) {
        return hexAddress.equals("0100007F") || hexAddress.equals("0000000000000000FFFF00000100007F")
                || hexAddress.equals("00000000000000000000000001000000");
    }

    private static HttpResponse<String> hubInfo(int port) throws Exception {
        HttpResponse<String> response = post(port, "hub", ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\"><s:Body><GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> api(int port, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + path))
                .header("Authorization", basicAuth()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(json == null ? "GET" : "POST", json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String gatewayId(String member) throws Exception {
        HttpResponse<String> gateways = api(nodePort(1), "admin/gateways?member=" + member, null);
        assertThat(gateways.statusCode()).as(gateways.body()).isEqualTo(200);
        return SystemTestData.field(gateways.body(), "id");
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + SystemTestData.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static LauncherRun auditVerify() throws Exception {
        Map<String, String> auditor = new HashMap<>(env);
        auditor.put("HUB_AUDIT_USER", "admin");
        auditor.put("HUB_AUDIT_PASSWORD", SystemTestData.adminPassword());
        LauncherRun verify = run(auditor, 180, "audit", "verify");
        System.out.println("cluster: ./hub audit verify: " + verify.output().strip().replace('\n', ' '));
        return verify;
    }

    private static String xml(String text, String element) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + element + ">([^<]+)</").matcher(text);
        assertThat(m.find()).as(element + " in " + text).isTrue();
        return m.group(1);
    }

    private static String xmlLine(String text, String field) {
        Matcher m = Pattern.compile("^" + field + ": (\\S+)", Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as(field + " in " + text).isTrue();
        return m.group(1);
    }

    // ---- the launcher ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Step {
        LauncherRun run() throws Exception;
    }

    private static LauncherRun timed(String phase, Step step) throws Exception {
        long started = System.nanoTime();
        try {
            return step.run();
        } finally {
            PHASES.put(phase, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            System.out.printf(Locale.ROOT, "cluster: ./hub %s took %.1f s%n", phase,
                    PHASES.get(phase) / 1000.0);
        }
    }

    private static LauncherRun run(int timeoutSeconds, String... args) throws Exception {
        return run(env, timeoutSeconds, args);
    }

    private static LauncherRun run(Map<String, String> environment, int timeoutSeconds, String... args) throws Exception {
        return LauncherRun.of(environment, dataDir, timeoutSeconds, args);
    }


    private static List<ProcessHandle> processesUsing(Path folder) {
        String marker = folder.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false)).toList();
    }
}
