package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.embedded.EmbeddedDatabase;
import org.originhub.db.testing.EmbeddedDatabaseExtension;

/**
 * {@code ./hub} as a newcomer uses it: play the demo from nothing, stop without leaving processes behind, start
 * detached again on the same data with {@code --demo} keeping everything, play again on the running hub; run on an
 * external database given by HUB_DB_URL; refuse an unreachable database and a taken port clearly. Each hub start
 * costs half a minute, so the cases share starts (several nodes are ClusterIT's and GaleraClusterIT's).
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class LauncherIT {

    private static final Path REPO = LauncherRun.REPO;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Map<String, String>> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() throws Exception {
        for (Map<String, String> env : started) {
            run(env, 120, "stop");
        }
    }

    @Test
    void runsOnAnExternalDatabase(EmbeddedDatabase external, DataSource externalDataSource) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-external").toAbsolutePath();
        int port = freePort();
        Map<String, String> env = environment(dataDir, port);
        env.put("HUB_DB_URL", external.jdbcUrl());
        env.put("HUB_DB_USER", external.user());

        LauncherRun result = start(env);

        assertThat(result.output()).contains("using the external database").doesNotContain("embedded MariaDB");
        String instance = instanceId(port);
        try (Connection c = externalDataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT instance_id FROM hub_instance")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(instance);
        }
        assertThat(Files.exists(dataDir.resolve("db"))).as("no embedded database created").isFalse();
    }

    @Test
    void anUnreachableExternalDatabaseIsReportedClearly() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-unreachable").toAbsolutePath();
        Map<String, String> env = environment(dataDir, freePort());
        env.put("HUB_DB_URL", "jdbc:mysql://127.0.0.1:" + freePort() + "/hub");

        LauncherRun result = run(env, 60, "start", "--detach");

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("database unreachable at 127.0.0.1:");
    }

    @Test
    void aTakenPortIsReportedClearly() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-port").toAbsolutePath();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            LauncherRun result = run(environment(dataDir, taken.getLocalPort()), 60, "start", "--detach");

            assertThat(result.exit()).isNotZero();
            assertThat(result.output()).contains("port " + taken.getLocalPort() + " is already in use");
        }
    }

    /**
     * A newcomer's path through the launcher, on one data folder and two hub starts: {@code ./hub demo} from nothing
     * (hub, community with working keystores, simulators, the scenario, whose summary read back from the hub must show
     * every document delivered, the refusals with their fault codes and each CO in the status the scenario played);
     * {@code ./hub stop} leaving no process behind, simulators included; {@code ./hub start --demo} again keeping the
     * instance, the password and the keys and adding nothing; {@code ./hub demo} on the running hub playing new COs.
     */
    @Test
    void demoFromNothingStopRestartAndDemoAgainKeepEverythingAndDuplicateNothing() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-demo").toAbsolutePath();
        int port = freePort();
        Map<String, String> env = environment(dataDir, port);
        // Without HUB_ADMIN_PASSWORD the launcher generates admin's password and keeps it: the path under test.
        env.remove("HUB_ADMIN_PASSWORD");
        int simulatorPort = twoFreePorts();
        env.put("HUB_DEMO_SIMULATOR_PORT", Integer.toString(simulatorPort));
        env.put("HUB_DEMO_TIMEOUT", "60"); // bounds each wait for a delivery
        started.add(env);
        Path demo = dataDir.resolve("demo");

        LauncherRun first = run(env, 600, "demo");

        assertThat(first.exit()).as(first.output()).isZero();
        Path passwordFile = demo.resolve("admin-password");
        assertThat(Files.getPosixFilePermissions(passwordFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String password = Files.readString(passwordFile).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(first.output()).contains("15 created, 0 already there").contains("scenario complete")
                .contains("user          admin").contains(password).contains("/console/").contains("./hub stop");
        assertThat(demo.resolve("hub.pem")).as("the hub certificate, pinned for the demo gateways").exists();
        Summary one = Summary.of(first.output());
        assertThat(one.documents).as(first.output()).hasSize(11);
        assertThat(one.documents).allSatisfy(d -> assertThat(d.delivery()).as(d.tracking())
                .matches("DELIVERED(_WITH_WARNINGS)? .*acknowledged OK.*"));
        assertThat(one.documents).extracting(Document::type).contains("CERTIFICATE_OF_ORIGIN/NEW",
                "CERTIFICATE_OF_ORIGIN/REPLACE", "CERTIFICATE_OF_ORIGIN/CANCEL", "BUSINESS_RESPONSE/NEW ACCEPTED",
                "BUSINESS_RESPONSE/NEW UTILISED", "VERIFICATION_REQUEST/NEW", "VERIFICATION_RESPONSE/NEW CONFIRMED");
        assertThat(one.documents).extracting(Document::route).contains("KE->TZ", "KE->UG", "UG->KE", "TZ->UG",
                "TZ->KE", "UG->TZ");
        assertThat(one.refusals).as(first.output()).containsKeys("SenderMismatch", "NotParty");
        assertThat(one.refusals.get("SenderMismatch")).contains("Envelope/From");
        assertThat(one.coStatuses.values()).as(first.output())
                .containsExactly("CONFIRMED", "REPLACED", "CANCELLED", "ACCEPTED", "UTILISED");

        // What the hub pushed, the simulators stored byte for byte and acknowledged with their own signature.
        int pushed = 0;
        for (Document d : one.documents) {
            String to = d.route().substring(4).toLowerCase(java.util.Locale.ROOT);
            if (!to.equals("tz")) {
                Path envelope = demo.resolve("received").resolve(to).resolve(d.tracking() + ".envelope.txt");
                assertThat(envelope).as("stored by the " + to + " simulator").exists();
                assertThat(Files.readString(envelope)).contains("Acknowledgement: OK")
                        .contains("IssuerCoNumber: " + d.coNumber());
                pushed++;
            }
        }
        assertThat(pushed).isEqualTo(8);
        for (String simulator : List.of("sim-ke", "sim-ug")) {
            long pid = Long.parseLong(Files.readString(dataDir.resolve("run").resolve(simulator + ".pid")).strip());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as(simulator + " still running")
                    .hasValue(true);
        }
        assertThat(run(env, 30, "status").output()).contains("running and ready").contains("sim-ke running");

        // The community's keys: every keystore opens with the password kept next to it and chains to the demo CA.
        X509Certificate ca = (X509Certificate) openKeystore(demo.resolve("community-ca.p12"), "ca")
                .getCertificate("ca");
        List<String> gatewayFingerprints = new ArrayList<>();
        List<String> signerFingerprints = new ArrayList<>();
        for (String member : List.of("ke", "tz", "ug")) {
            gatewayFingerprints.add(issuedByDemoCa(demo.resolve(member).resolve("gateway.p12"), "gateway", ca));
            signerFingerprints.add(issuedByDemoCa(demo.resolve(member).resolve("signer.p12"), "signer", ca));
        }
        String directory = adminGet(port, password, "/api/admin/directory");
        assertThat(matches(directory, "\\{\"code\":\"(KE|TZ|UG)\",\"name\"")).as(directory).hasSize(3);
        assertThat(matches(directory, "\"parties\":\\[")).as("agreements").hasSize(2);
        assertThat(matches(directory, "\"activeCertificate\":\"([0-9a-f]{64})\""))
                .as("gateways with an active certificate").containsExactlyInAnyOrderElementsOf(gatewayFingerprints);
        assertThat(directory).contains("\"deliveryMode\":\"PULL\"").contains("\"deliveryMode\":\"PUSH\"");
        assertThat(matches(directory, "\"fingerprint\":\"([0-9a-f]{64})\"")).as("signers")
                .containsExactlyInAnyOrderElementsOf(signerFingerprints);
        String instance = instanceId(port);
        assertThat(get(port, "/services/hub?wsdl").body()).contains("urn:originhub:info:v1");

        // ./hub stop: nothing left running, the status says so.
        LauncherRun stop = run(env, 120, "stop");
        assertThat(stop.exit()).isZero();
        assertThat(processesUsing(dataDir)).as("processes left behind (hub, database, simulators)").isEmpty();
        assertThat(run(env, 30, "status").exit()).isEqualTo(3);

        // Again on the same data folder: same instance, the stored password still signs in, nothing is added.
        LauncherRun second = start(env, "--demo");

        assertThat(second.output()).contains("Origin Hub is ready").contains("http://127.0.0.1:" + port + "/")
                .contains("0 created, 15 already there").doesNotContain("demo: creating");
        assertThat(instanceId(port)).as("instance id after a restart").isEqualTo(instance);
        assertThat(issuedByDemoCa(demo.resolve("ke").resolve("gateway.p12"), "gateway", ca))
                .isEqualTo(gatewayFingerprints.get(0));
        String again = adminGet(port, password, "/api/admin/directory");
        assertThat(matches(again, "\"serial\":(\\d+)")).as("directory serial: no change at all")
                .isEqualTo(matches(directory, "\"serial\":(\\d+)"));
        assertThat(matches(again, "\"activeCertificate\":\"([0-9a-f]{64})\""))
                .containsExactlyInAnyOrderElementsOf(gatewayFingerprints);
        assertThat(matches(adminGet(port, password, "/api/admin/trust-anchors"), "\"fingerprint\":\"")).hasSize(1);
        assertThat(matches(adminGet(port, password, "/api/admin/authorities"), "\"memberCode\":\"")).hasSize(3);
        assertThat(matches(adminGet(port, password, "/api/admin/requests"), "\"kind\":\"")).hasSize(3);

        // ./hub demo on the hub that runs: the same community, new COs, every one delivered.
        LauncherRun third = run(env, 400, "demo");

        assertThat(third.exit()).as(third.output()).isZero();
        assertThat(third.output()).contains("reusing the hub already running on port " + port)
                .contains("0 created, 15 already there");
        Summary two = Summary.of(third.output());
        assertThat(two.documents).hasSize(11).allSatisfy(d -> assertThat(d.delivery()).startsWith("DELIVERED"));
        assertThat(two.coStatuses.values()).containsExactly("CONFIRMED", "REPLACED", "CANCELLED", "ACCEPTED",
                "UTILISED");
        assertThat(two.coStatuses.keySet()).doesNotContainAnyElementsOf(one.coStatuses.keySet());
        assertThat(two.documents).extracting(Document::tracking)
                .doesNotContainAnyElementsOf(one.documents.stream().map(Document::tracking).toList());

        // Never next to a real database.
        Map<String, String> external = new java.util.HashMap<>(env);
        external.put("HUB_DB_URL", "jdbc:mysql://db.example:3306/hub");
        LauncherRun refused = run(external, 60, "start", "--demo");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("--demo is for development on the embedded database only");

        assertThat(run(env, 120, "stop").exit()).isZero();
        assertThat(processesUsing(dataDir)).as("processes left behind after the second demo").isEmpty();
    }

    /** One row of the summary's table of documents. */
    private record Document(String tracking, String type, String route, String coNumber, String delivery) {
    }

    /** The three parts of the demo summary, parsed from the launcher's output. */
    private record Summary(List<Document> documents, Map<String, String> refusals, Map<String, String> coStatuses) {

        static Summary of(String output) {
            List<Document> documents = new ArrayList<>();
            Map<String, String> refusals = new java.util.LinkedHashMap<>();
            Map<String, String> statuses = new java.util.LinkedHashMap<>();
            Pattern document = Pattern.compile(
                    "^  (\\S+) +(\\S+/\\S+(?: [A-Z_]+)?) +([A-Z]{2}->[A-Z]{2}) +(\\S+) +(.+)$");
            Pattern refusal = Pattern.compile("^  ([A-Za-z]+) +(.+)\\R {3,}(.+)$", Pattern.MULTILINE);
            Pattern co = Pattern.compile("^  (\\S+) +[A-Z]{2}->[A-Z]{2} +\\S+ +([A-Z_]+) +(.+)$");
            String part = null;
            List<String> refused = new ArrayList<>();
            for (String line : output.split("\\R")) {
                if (line.startsWith("demo: documents exchanged")) {
                    part = "documents";
                } else if (line.startsWith("demo: refused by the hub")) {
                    part = "refusals";
                } else if (line.startsWith("demo: certificates of origin at the end")) {
                    part = "cos";
                } else if (!line.startsWith("  ")) {
                    part = null;
                } else if ("documents".equals(part) && !line.startsWith("  tracking ")) {
                    Matcher m = document.matcher(line);
                    assertThat(m.matches()).as("a document row: " + line).isTrue();
                    documents.add(new Document(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
                } else if ("refusals".equals(part)) {
                    refused.add(line);
                } else if ("cos".equals(part) && !line.startsWith("  CO number ")) {
                    Matcher m = co.matcher(line);
                    assertThat(m.matches()).as("a CO row: " + line).isTrue();
                    statuses.put(m.group(1), m.group(2));
                }
            }
            Matcher m = refusal.matcher(String.join("\n", refused));
            while (m.find()) {
                refusals.put(m.group(1), m.group(3));
            }
            return new Summary(documents, refusals, statuses);
        }
    }

    /** The first of two consecutive free ports on loopback (the demo's two PUSH simulators). */
    private static int twoFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            try (ServerSocket next = new ServerSocket(first + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
                return first;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two consecutive free ports on loopback");
    }

    /** Opens a demo keystore with the password stored next to it; checks its key and its chain to the demo CA. */
    private static String issuedByDemoCa(Path keystore, String alias, X509Certificate ca) throws Exception {
        KeyStore store = openKeystore(keystore, alias);
        Certificate[] chain = store.getCertificateChain(alias);
        assertThat(chain).as(keystore + " chain").hasSize(2);
        X509Certificate cert = (X509Certificate) chain[0];
        cert.verify(ca.getPublicKey());
        cert.checkValidity();
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    private static KeyStore openKeystore(Path keystore, String alias) throws Exception {
        String name = keystore.getFileName().toString();
        Path passwordFile = keystore.resolveSibling(name.replace(".p12", ".password"));
        assertThat(Files.getPosixFilePermissions(passwordFile)).as(passwordFile + " owner only")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        char[] password = Files.readString(passwordFile).strip().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        assertThat(store.getKey(alias, password)).as(keystore + " key").isInstanceOf(PrivateKey.class);
        return store;
    }

    private static String adminGet(int port, String password, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** Every match of the pattern in a JSON text: its first group when it has one, else the match itself. */
    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }

    private Map<String, String> environment(Path dataDir, int port) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        // HUB_ADMIN_PASSWORD stays: the external-database test shares its database with HubSystemIT, and whichever
        // hub starts first on it creates the first administrator with that password.
        env.keySet().removeIf(k -> k.startsWith("HUB_") && !k.equals("HUB_ADMIN_PASSWORD"));
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_HTTP_PORT", Integer.toString(port));
        // The test runs inside the build that made the WAR: use it as it is.
        env.put("HUB_SKIP_BUILD", "1");
        return env;
    }

    private LauncherRun start(Map<String, String> env, String... options) throws Exception {
        started.add(env);
        List<String> args = new ArrayList<>(List.of("start", "--detach"));
        args.addAll(List.of(options));
        // Generous: several builds share these two cores, and keytool plus a Payara start then take minutes.
        LauncherRun result = run(env, 360, args.toArray(String[]::new));
        assertThat(result.exit()).as("./hub " + String.join(" ", args) + ":\n" + result.output()).isZero();
        return result;
    }

    private static LauncherRun run(Map<String, String> env, int timeoutSeconds, String... args) throws Exception {
        return LauncherRun.of(env, null, timeoutSeconds, args);
    }

    private static List<ProcessHandle> processesUsing(Path dataDir) {
        String marker = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false))
                .toList();
    }

    private static String instanceId(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/services/hub"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                                + "<GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></s:Body></s:Envelope>"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("<InstanceId>([^<]+)</InstanceId>").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
