import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seeds a demo community into a running Origin Hub: a community CA as trust anchor, three member states, two
 * agreements, one gateway per member (PUSH and PULL) with its PKCS#12 keystore, and an issuing authority with one
 * authorised signer per member. <b>Development only</b>: {@code ./hub start --demo} and {@code ./hub demo} run it;
 * nothing in production does. It also pins the hub's certificate for the demo gateways ({@code demo/hub.pem}) and
 * lists the PUSH gateways for the simulators of {@code ./hub demo} ({@code demo/push-gateways}).
 *
 * <pre>
 *   java hub-web/src/demo/java/DemoCommunity.java [--port 8080] [--data-dir ./var] [--simulator-port 9100]
 *                                                 [--user admin]
 * </pre>
 *
 * The key material is created once under {@code <data-dir>/demo/} and kept between runs, so that the keystores a
 * developer has configured in a gateway stay the ones the hub knows. The seeding is idempotent: what the hub already
 * has is reported as found and left alone, so re-running it (or {@code ./hub start --demo} again) duplicates nothing.
 * The password of the hub user comes from {@code HUB_ADMIN_PASSWORD} or, when unset, from
 * {@code <data-dir>/demo/admin-password} (written by the launcher); never from the command line, where other users
 * of the machine could read it in the process list.
 *
 * A JDK-only single-file program (no dependencies, not part of the WAR): it uses the JDK's {@code keytool} for the
 * certificates, because the JDK has no public API to issue one, and {@link HttpClient} for the hub's admin API.
 *
 * Exit codes: 0 seeded, 1 the hub refused a change, 2 wrong usage, 3 hub unreachable, 4 credentials refused,
 * 5 the demo key material is unusable.
 */
public class DemoCommunity {

    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int UNAUTHORISED = 4;
    static final int KEY_MATERIAL = 5;

    /**
     * The first port of the PUSH gateways' endpoints on loopback: the n-th PUSH gateway of {@link #MEMBERS} listens on
     * this port + n. {@code ./hub demo} starts the kit's gateway simulators there (from the list this program writes,
     * see {@link #writePushGateways}); after {@code ./hub start --demo} alone nothing listens, and the hub retries.
     */
    static final int DEFAULT_SIMULATOR_PORT = 9100;

    static final String CA_NAME = "Origin Hub Demo Community CA";
    static final String REGIONAL = "EAC-CO-DEMO";
    static final String BILATERAL = "KE-TZ-CO-DEMO";

    /** A gateway may do everything a member's gateway can: the demo is about routing, not about restrictions. */
    static final List<String> ALL_PERMISSIONS = List.of(
            "SEND:CERTIFICATE_OF_ORIGIN", "RECEIVE:CERTIFICATE_OF_ORIGIN",
            "SEND:BUSINESS_RESPONSE", "RECEIVE:BUSINESS_RESPONSE",
            "SEND:VERIFICATION_REQUEST", "RECEIVE:VERIFICATION_REQUEST",
            "SEND:VERIFICATION_RESPONSE", "RECEIVE:VERIFICATION_RESPONSE");

    record Member(String code, String name, String deliveryMode) {

        String folder() {
            return code.toLowerCase(Locale.ROOT);
        }

        String gatewayName() {
            return folder() + "-gateway";
        }

        String authorityName() {
            return name + " Certificate of Origin Office (demo)";
        }

        String signerName() {
            return "Demo Official " + code;
        }

        boolean push() {
            return "PUSH".equals(deliveryMode);
        }

        /**
         * On loopback, one port per PUSH gateway from {@code simulatorPort} on (see {@link #DEFAULT_SIMULATOR_PORT}):
         * a simulator serves one endpoint. PULL gateways fetch their messages and have none.
         */
        String endpointUrl(int simulatorPort) {
            if (!push()) {
                return null;
            }
            int n = (int) MEMBERS.stream().takeWhile(m -> m != this).filter(Member::push).count();
            return "http://127.0.0.1:" + (simulatorPort + n) + "/gateway/" + folder();
        }
    }

    record Agreement(String code, String name, LocalDate from, LocalDate until, List<String> parties) {
    }

    static final List<Member> MEMBERS = List.of(
            new Member("KE", "Kenya", "PUSH"),
            new Member("TZ", "Tanzania", "PULL"),
            new Member("UG", "Uganda", "PUSH"));

    static final List<Agreement> AGREEMENTS = List.of(
            new Agreement(REGIONAL, "Regional rules of origin (demo)", LocalDate.of(2026, 1, 1), null,
                    List.of("KE", "TZ", "UG")),
            new Agreement(BILATERAL, "Kenya-Tanzania bilateral arrangement (demo)", LocalDate.of(2026, 1, 1),
                    LocalDate.of(2030, 12, 31), List.of("KE", "TZ")));

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            KeyMaterial keys = KeyMaterial.ensure(options.dataDir.resolve("demo"));
            Hub hub = new Hub(options.port, options.user, options.password(), options.passwordSource);
            Tally tally = new DemoCommunity(hub, keys, options.simulatorPort).seed();
            HubCertificate pinned = HubCertificate.pin(options.dataDir);
            writePushGateways(options, keys);
            tally.print(options, keys, pinned);
        } catch (Failure f) {
            System.err.println("demo: error: " + f.getMessage());
            System.exit(f.exit);
        }
    }

    private final Hub hub;
    private final KeyMaterial keys;
    private final int simulatorPort;
    private final Tally tally = new Tally();

    DemoCommunity(Hub hub, KeyMaterial keys, int simulatorPort) {
        this.hub = hub;
        this.keys = keys;
        this.simulatorPort = simulatorPort;
    }

    Tally seed() {
        hub.checkSignedIn();
        trustAnchor();
        for (Member m : MEMBERS) {
            createUnlessDuplicate("member state " + m.code() + " " + m.name(), "/api/admin/member-states",
                    Json.object("code", m.code(), "name", m.name()), "DuplicateMemberState");
        }
        for (Agreement a : AGREEMENTS) {
            createUnlessDuplicate("agreement " + a.code(), "/api/admin/agreements",
                    Json.object("code", a.code(), "name", a.name(), "inForceFrom", a.from().toString(),
                            "inForceUntil", a.until() == null ? null : a.until().toString(), "parties", a.parties()),
                    "DuplicateAgreement");
        }
        for (Member m : MEMBERS) {
            gateway(m);
        }
        for (Member m : MEMBERS) {
            signer(m, authority(m));
        }
        tally.serial = Json.number(Json.map(hub.get("/api/admin/directory")).get("serial"));
        return tally;
    }

    /** Found by fingerprint: importing the same CA again is refused as a duplicate certificate (422, not 409). */
    private void trustAnchor() {
        String what = "trust anchor " + CA_NAME;
        boolean registered = Json.list(hub.get("/api/admin/trust-anchors")).stream().map(Json::map)
                .anyMatch(a -> keys.ca().fingerprint().equals(a.get("fingerprint")));
        if (registered) {
            tally.found(what);
        } else {
            hub.post("/api/admin/trust-anchors", Json.object("name", CA_NAME, "certificate", keys.ca().pem()));
            tally.created(what);
        }
    }

    /** Member states and agreements are unique by code: the hub's 409 tells that a previous run made them. */
    private void createUnlessDuplicate(String what, String path, Map<String, Object> body, String duplicateCode) {
        Hub.Response response = hub.send("POST", path, body);
        if (response.status == 409 && duplicateCode.equals(response.errorCode())) {
            tally.found(what);
        } else {
            hub.requireSuccess("POST", path, response);
            tally.created(what);
        }
    }

    /**
     * A gateway is registered by request and approval. A previous run may have stopped between the two, so an open
     * request for the same gateway is approved rather than refused as a duplicate. A registered gateway must carry
     * the certificate of our keystore: otherwise the keystores were recreated after seeding and would not work.
     */
    private void gateway(Member m) {
        String what = "gateway " + m.code() + " " + m.gatewayName() + " (" + m.deliveryMode() + ")";
        Issued cert = keys.gateway(m);
        Optional<Map<String, Object>> existing = Json.list(hub.get("/api/admin/gateways?member=" + m.code()))
                .stream().map(Json::map).filter(g -> m.gatewayName().equals(g.get("name"))).findFirst();
        if (existing.isPresent()) {
            Object id = existing.get().get("id");
            boolean ours = Json.list(hub.get("/api/admin/gateways/" + Json.id(id) + "/certificates")).stream()
                    .map(Json::map).anyMatch(c -> cert.fingerprint().equals(c.get("fingerprint"))
                            && "ACTIVE".equals(c.get("status")));
            if (!ours) {
                throw new Failure(KEY_MATERIAL, "the hub has gateway " + m.gatewayName() + " of " + m.code()
                        + " without the certificate of " + cert.keystore() + " as its active certificate: the demo "
                        + "keystores were created after this database was seeded. Start afresh with an empty data "
                        + "folder (or remove both its db/ and demo/ folders).");
            }
            tally.found(what);
            endpoint(m, Json.id(id), (String) existing.get().get("endpointUrl"));
            return;
        }
        Optional<Object> open = Json.list(hub.get("/api/admin/requests?status=SUBMITTED")).stream().map(Json::map)
                .filter(r -> "GATEWAY_REGISTRATION".equals(r.get("kind")) && m.code().equals(r.get("memberCode"))
                        && m.gatewayName().equals(r.get("gatewayName")))
                .map(r -> r.get("id")).findFirst();
        Object requestId = open.isPresent() ? open.get() : Json.map(hub.post("/api/admin/gateways", Json.object(
                "memberCode", m.code(), "name", m.gatewayName(), "deliveryMode", m.deliveryMode(),
                "endpointUrl", m.endpointUrl(simulatorPort), "permissions", ALL_PERMISSIONS, "certificate", cert.pem(),
                "comment", "demo community (./hub start --demo)"))).get("id");
        hub.post("/api/admin/requests/" + Json.id(requestId) + "/approve",
                Json.object("reason", "demo community (./hub start --demo)"));
        tally.created(what + (open.isPresent() ? ", its open request " : ", request ") + Json.id(requestId)
                + " approved");
    }

    /**
     * A PUSH gateway seeded by an earlier run may point elsewhere (another HUB_DEMO_SIMULATOR_PORT, or the single
     * placeholder port of older demos): the endpoint must be where this run's simulators listen, or the hub pushes
     * into the void. Changed the registry's way, by request and approval, which the audit log records.
     */
    private void endpoint(Member m, String gatewayId, String current) {
        String wanted = m.endpointUrl(simulatorPort);
        if (wanted == null || wanted.equals(current)) {
            return;
        }
        Object requestId = Json.map(hub.post("/api/admin/gateways/" + gatewayId + "/endpoint", Json.object(
                "deliveryMode", m.deliveryMode(), "endpointUrl", wanted,
                "comment", "demo community: where ./hub demo runs its gateway simulator"))).get("id");
        hub.post("/api/admin/requests/" + Json.id(requestId) + "/approve",
                Json.object("reason", "demo community (./hub demo)"));
        tally.changed("gateway " + m.code() + " " + m.gatewayName() + " endpoint " + current + " -> " + wanted
                + " (request " + Json.id(requestId) + " approved)");
    }

    /**
     * One line per PUSH gateway, tab-separated: member, port, path, keystore, password file. {@code ./hub demo}
     * starts one gateway simulator per line, so the launcher and the registry never disagree about where they listen.
     */
    static void writePushGateways(Options options, KeyMaterial keys) {
        StringBuilder lines = new StringBuilder();
        for (Member m : MEMBERS) {
            if (m.push()) {
                URI endpoint = URI.create(m.endpointUrl(options.simulatorPort));
                Issued gateway = keys.gateway(m);
                lines.append(String.join("\t", m.code(), Integer.toString(endpoint.getPort()), endpoint.getPath(),
                        gateway.keystore().toString(), gateway.passwordFile().toString())).append('\n');
            }
        }
        Path file = options.dataDir.resolve("demo").resolve("push-gateways");
        try {
            Files.writeString(file, lines);
        } catch (IOException e) {
            throw new Failure(KEY_MATERIAL, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Authorities have no unique key in the registry (the hub would register a second one): look by name first. */
    private String authority(Member m) {
        String what = "issuing authority " + m.authorityName();
        Optional<Object> existing = Json.list(hub.get("/api/admin/authorities?member=" + m.code())).stream()
                .map(Json::map).filter(a -> m.authorityName().equals(a.get("name")) && a.get("revokedAt") == null)
                .map(a -> a.get("id")).findFirst();
        if (existing.isPresent()) {
            tally.found(what);
            return Json.id(existing.get());
        }
        Object id = Json.map(hub.post("/api/admin/authorities", Json.object("memberCode", m.code(),
                "name", m.authorityName()))).get("id");
        tally.created(what);
        return Json.id(id);
    }

    private void signer(Member m, String authorityId) {
        String what = "authorised signer " + m.signerName();
        Issued cert = keys.signer(m);
        boolean registered = Json.list(hub.get("/api/admin/signers?member=" + m.code())).stream().map(Json::map)
                .anyMatch(s -> cert.fingerprint().equals(s.get("fingerprint")));
        if (registered) {
            tally.found(what);
            return;
        }
        List<String> agreements = AGREEMENTS.stream().filter(a -> a.parties().contains(m.code()))
                .map(Agreement::code).toList();
        hub.post("/api/admin/authorities/" + authorityId + "/signers", Json.object("name", m.signerName(),
                "certificate", cert.pem(), "agreements", agreements));
        tally.created(what);
    }

    /** What this run created, changed and found already there, printed as it goes and summed up at the end. */
    static final class Tally {
        int created;
        int changed;
        int found;
        long serial;

        void created(String what) {
            created++;
            System.out.println("demo:   created       " + what);
        }

        void changed(String what) {
            changed++;
            System.out.println("demo:   changed       " + what);
        }

        void found(String what) {
            found++;
            System.out.println("demo:   already there " + what);
        }

        void print(Options options, KeyMaterial keys, HubCertificate hubCertificate) {
            StringBuilder out = new StringBuilder();
            out.append("demo: demo community ready: ").append(created).append(" created, ")
                    .append(changed == 0 ? "" : changed + " changed, ").append(found)
                    .append(" already there (directory serial ").append(serial).append(")\n");
            out.append("  community CA   ").append(keys.ca().keystore()).append("\n")
                    .append("                 sha256 ").append(keys.ca().fingerprint()).append("\n");
            out.append("  member states  ").append(String.join(", ", MEMBERS.stream()
                    .map(m -> m.code() + " " + m.name()).toList())).append("\n");
            for (Agreement a : AGREEMENTS) {
                out.append("  agreement      ").append(a.code()).append(" ").append(String.join("+", a.parties()))
                        .append(", in force from ").append(a.from())
                        .append(a.until() == null ? "" : " until " + a.until()).append("\n");
            }
            for (Member m : MEMBERS) {
                Issued gw = keys.gateway(m);
                Issued signer = keys.signer(m);
                out.append("  gateway        ").append(m.code()).append(' ').append(m.gatewayName()).append(' ')
                        .append(m.deliveryMode())
                        .append(m.push() ? " -> " + m.endpointUrl(options.simulatorPort) : " (fetches its messages)")
                        .append("\n")
                        .append("                 sha256 ").append(gw.fingerprint()).append("\n")
                        .append("                 keystore ").append(gw.keystore()).append(" (alias ")
                        .append(gw.alias()).append(", password in ").append(gw.passwordFile()).append(")\n");
                out.append("  signer         ").append(m.signerName()).append(", ").append(m.authorityName())
                        .append("\n")
                        .append("                 keystore ").append(signer.keystore()).append(" (alias ")
                        .append(signer.alias()).append(", password in ").append(signer.passwordFile())
                        .append(")\n");
            }
            out.append("  PUSH endpoints on 127.0.0.1 are served by the gateway simulators that ./hub demo starts\n")
                    .append("                 (listed in ").append(options.dataDir.resolve("demo")
                            .resolve("push-gateways")).append("); without them the hub keeps retrying.\n");
            out.append("  hub certificate ").append(hubCertificate.pem()).append(" (pinned by the demo gateways; ")
                    .append(hubCertificate.subject()).append(")\n")
                    .append("                 sha256 ").append(hubCertificate.fingerprint()).append("\n");
            out.append("  signed in as   ").append(options.user).append(" (password ").append(options.passwordSource)
                    .append(")\n");
            System.out.print(out);
        }
    }

    /** Command line and environment. */
    static final class Options {
        int port;
        int simulatorPort;
        Path dataDir;
        String user = "admin";
        String passwordSource;

        static Options parse(String[] args) {
            Options o = new Options();
            o.port = port(System.getenv().getOrDefault("HUB_HTTP_PORT", "8080"));
            o.dataDir = Path.of(System.getenv().getOrDefault("HUB_DATA_DIR", "var"));
            o.simulatorPort = port(System.getenv().getOrDefault("HUB_DEMO_SIMULATOR_PORT",
                    Integer.toString(DEFAULT_SIMULATOR_PORT)));
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> o.port = port(required(args[i], value));
                    case "--data-dir" -> o.dataDir = Path.of(required(args[i], value));
                    case "--simulator-port" -> o.simulatorPort = port(required(args[i], value));
                    case "--user" -> o.user = required(args[i], value);
                    default -> throw new Failure(USAGE, "unknown argument " + args[i] + " (usage: java "
                            + "DemoCommunity.java [--port 8080] [--data-dir ./var] [--simulator-port 9100] "
                            + "[--user admin]; the password "
                            + "comes from HUB_ADMIN_PASSWORD or <data-dir>/demo/admin-password)");
                }
                i++;
            }
            o.dataDir = o.dataDir.toAbsolutePath().normalize();
            return o;
        }

        String password() {
            String fromEnvironment = System.getenv("HUB_ADMIN_PASSWORD");
            if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                passwordSource = "from HUB_ADMIN_PASSWORD";
                return fromEnvironment;
            }
            Path stored = dataDir.resolve("demo").resolve("admin-password");
            if (!Files.isReadable(stored)) {
                throw new Failure(USAGE, "no password for " + user + ": set HUB_ADMIN_PASSWORD, or start the hub "
                        + "with ./hub start --demo, which stores one in " + stored);
            }
            passwordSource = "in " + stored;
            return KeyMaterial.read(stored);
        }

        private static String required(String option, String value) {
            if (value == null || value.isBlank()) {
                throw new Failure(USAGE, option + " needs a value");
            }
            return value;
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text.strip());
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Failure(USAGE, "not a TCP port: " + text);
        }
    }

    /** The hub's admin REST API over HTTP Basic; every answer that is not 2xx becomes a {@link Failure}. */
    static final class Hub {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String user;
        private final String authorization;
        private final String passwordSource;

        Hub(int port, String user, String password, String passwordSource) {
            this.base = "http://127.0.0.1:" + port;
            this.user = user;
            this.passwordSource = passwordSource;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        record Response(int status, String body) {
            String errorCode() {
                return error("code");
            }

            String error(String field) {
                try {
                    Object value = Json.map(Json.parse(body)).get(field);
                    return value == null ? null : value.toString();
                } catch (RuntimeException notJson) {
                    return null;
                }
            }
        }

        /** One request before any change, so that wrong credentials are explained rather than failing mid-way. */
        void checkSignedIn() {
            get("/api/me");
        }

        Object get(String path) {
            return parse("GET", path, requireSuccess("GET", path, send("GET", path, null)));
        }

        Object post(String path, Map<String, Object> body) {
            return parse("POST", path, requireSuccess("POST", path, send("POST", path, body)));
        }

        private static Object parse(String method, String path, Response response) {
            try {
                return response.body.isBlank() ? Map.of() : Json.parse(response.body);
            } catch (IllegalArgumentException e) {
                throw new Failure(REFUSED, method + " " + path + " answered " + response.status + " with "
                        + e.getMessage() + ": is something other than Origin Hub listening on this port?");
            }
        }

        Response send(String method, String path, Map<String, Object> body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                throw new Failure(UNREACHABLE, "the hub is not reachable at " + base + " (" + e.getClass()
                        .getSimpleName() + "): is it running? ./hub status tells, ./hub start --demo starts it");
            } catch (HttpTimeoutException e) {
                throw new Failure(UNREACHABLE, "the hub at " + base + " did not answer " + method + " " + path
                        + " within 60 s");
            } catch (IOException e) {
                throw new Failure(UNREACHABLE, "talking to the hub at " + base + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(UNREACHABLE, "interrupted while waiting for the hub");
            }
        }

        Response requireSuccess(String method, String path, Response response) {
            if (response.status / 100 == 2) {
                return response;
            }
            String message = Objects.requireNonNullElse(response.error("message"), response.body.strip());
            if (response.status == 401) {
                throw new Failure(UNAUTHORISED, "the hub refused " + user + " with the password " + passwordSource
                        + " (401: " + message + "). The demo signs in as " + user + " with HUB_ADMIN_PASSWORD or, "
                        + "when that is unset, the password stored in <data-dir>/demo/admin-password. Either becomes "
                        + "admin's password only when the hub creates admin in an empty database: if this database "
                        + "already had users, set HUB_ADMIN_PASSWORD to admin's current password, or start afresh "
                        + "with an empty data folder.");
            }
            if (response.status == 403) {
                throw new Failure(UNAUTHORISED, user + " may not " + method + " " + path + " (403: " + message
                        + "): the demo needs a secretariat administrator such as admin");
            }
            String code = response.errorCode();
            throw new Failure(REFUSED, method + " " + path + " was refused: " + response.status
                    + (code == null ? "" : " " + code) + ": " + message);
        }
    }

    /**
     * The hub's signing certificate, taken from the hub's own keystore (HUB_KEYSTORE with HUB_KEYSTORE_PASSWORD, else
     * the development key the hub generated under {@code <data-dir>/keys/}) and written to {@code demo/hub.pem}: the
     * demo gateways pin it, as a member pins the certificate the secretariat hands over. Taken from the file, not
     * from the hub's answers: a certificate learnt from the channel it should protect proves nothing.
     */
    record HubCertificate(Path pem, String subject, String fingerprint) {

        static HubCertificate pin(Path dataDir) {
            String named = System.getenv("HUB_KEYSTORE");
            Path keystore;
            String password;
            if (named != null && !named.isBlank()) {
                keystore = Path.of(named);
                password = Objects.requireNonNullElse(System.getenv("HUB_KEYSTORE_PASSWORD"), "");
            } else {
                keystore = dataDir.resolve("keys").resolve("hub-development-key.p12");
                Path passwordFile = dataDir.resolve("keys").resolve("hub-development-key.password");
                if (!Files.isReadable(keystore) || !Files.isReadable(passwordFile)) {
                    throw new Failure(KEY_MATERIAL, "the hub's development key is not in " + keystore.getParent()
                            + ": is the hub running on this data folder (HUB_DATA_DIR)?");
                }
                password = KeyMaterial.read(passwordFile);
            }
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password.toCharArray());
                X509Certificate found = null;
                for (String alias : java.util.Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                        if (found != null) {
                            throw new Failure(KEY_MATERIAL, keystore + " holds more than one key: not the hub's");
                        }
                        found = cert;
                    }
                }
                if (found == null) {
                    throw new Failure(KEY_MATERIAL, keystore + " holds no key with a certificate");
                }
                Path pem = dataDir.resolve("demo").resolve("hub.pem");
                String text = KeyMaterial.pem(found);
                if (!Files.exists(pem) || !Files.readString(pem).equals(text)) {
                    Files.writeString(pem, text); // public, like the other .pem files
                }
                return new HubCertificate(pem, found.getSubjectX500Principal().getName(),
                        KeyMaterial.fingerprint(found));
            } catch (IOException | GeneralSecurityException e) {
                throw new Failure(KEY_MATERIAL, "cannot read the hub's certificate from " + keystore + ": "
                        + e.getMessage());
            }
        }
    }

    /** A key pair with its certificate issued by the demo CA, in a PKCS#12 keystore with its password file. */
    record Issued(Path keystore, Path passwordFile, String alias, String pem, String fingerprint) {
    }

    /**
     * The demo's keys under {@code <data-dir>/demo/}: created once by keytool, then only loaded (which also checks
     * that each keystore opens with its stored password and was issued by the CA next to it). Keystores and password
     * files are readable by their owner only; the data folder is outside git ({@code /var/} is ignored and
     * {@code HUB_DATA_DIR} is usually elsewhere).
     */
    static final class KeyMaterial {
        private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        private static final SecureRandom RANDOM = new SecureRandom();

        private final Path dir;
        private final Map<String, Issued> issued = new LinkedHashMap<>();
        private Issued ca;

        private KeyMaterial(Path dir) {
            this.dir = dir;
        }

        static KeyMaterial ensure(Path dir) {
            KeyMaterial keys = new KeyMaterial(dir);
            try {
                Files.createDirectories(dir);
                ownerOnly(dir, "rwx------");
                keys.ca = keys.caOrCreate();
                // keytool is one JVM start per step: issuing the six end-entity certificates in parallel halves
                // the first run on two cores. Each task writes only its own files.
                ExecutorService pool = Executors.newFixedThreadPool(3);
                try {
                    Map<String, Future<Issued>> pending = new LinkedHashMap<>();
                    for (Member m : MEMBERS) {
                        pending.put(m.code() + "/gateway", pool.submit(() -> keys.endEntity(m, "gateway",
                                "CN=" + m.gatewayName() + ",OU=Certificate of Origin gateway,O=" + m.name()
                                        + " (Origin Hub demo),C=" + m.code(),
                                // Signs its messages; keyEncipherment for the encrypted replies it will receive.
                                "digitalSignature,keyEncipherment")));
                        pending.put(m.code() + "/signer", pool.submit(() -> keys.endEntity(m, "signer",
                                "CN=" + m.signerName() + ",O=" + m.authorityName() + ",C=" + m.code(),
                                // An official signs certificates of origin and must not be able to deny it.
                                "digitalSignature,nonRepudiation")));
                    }
                    for (Map.Entry<String, Future<Issued>> e : pending.entrySet()) {
                        keys.issued.put(e.getKey(), e.getValue().get());
                    }
                } finally {
                    pool.shutdownNow();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Failure f ? f
                        : new Failure(KEY_MATERIAL, "creating the demo keys in " + dir + " failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(KEY_MATERIAL, "interrupted while creating the demo keys");
            } catch (IOException e) {
                throw new Failure(KEY_MATERIAL, "cannot write the demo keys in " + dir + ": " + e);
            }
            return keys;
        }

        Issued ca() {
            return ca;
        }

        Issued gateway(Member m) {
            return issued.get(m.code() + "/gateway");
        }

        Issued signer(Member m) {
            return issued.get(m.code() + "/signer");
        }

        /** RSA 3072, a CA for end-entity certificates only (pathlen 0), valid ten years. */
        private Issued caOrCreate() throws IOException {
            Path keystore = dir.resolve("community-ca.p12");
            if (!Files.exists(keystore)) {
                say("creating the demo community CA in " + keystore);
                create(keystore, (work, password) -> keytool(password, "-genkeypair", "-keystore", work.toString(),
                        "-storetype", "PKCS12", "-alias", "ca", "-keyalg", "RSA", "-keysize", "3072",
                        "-sigalg", "SHA256withRSA", "-dname", "CN=" + CA_NAME + ",O=Origin Hub demo community",
                        "-validity", "3650", "-startdate", "-1d",
                        "-ext", "bc:c=ca:true,pathlen:0", "-ext", "ku:c=keyCertSign,cRLSign"));
            }
            return load(keystore, "ca", null);
        }

        /**
         * RSA 2048, issued by the CA for three years: a key pair and a request in a work folder, the CA signs it,
         * the chain (certificate + CA) is imported back, and only then is the keystore moved into place, so an
         * interrupted run never leaves a half-made keystore that a later run would take as done.
         */
        private Issued endEntity(Member m, String alias, String dname, String keyUsage) throws IOException {
            Path keystore = dir.resolve(m.folder()).resolve(alias + ".p12");
            if (!Files.exists(keystore)) {
                Files.createDirectories(keystore.getParent());
                ownerOnly(keystore.getParent(), "rwx------");
                say("creating " + keystore);
                create(keystore, (work, password) -> {
                    String ws = work.toString();
                    Path csr = work.resolveSibling(alias + ".csr"); // all in the private work folder
                    Path cert = work.resolveSibling(alias + ".pem");
                    Path chain = work.resolveSibling(alias + "-chain.pem");
                    keytool(password, "-genkeypair", "-keystore", ws, "-storetype", "PKCS12", "-alias", alias,
                            "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", dname,
                            "-validity", "1");
                    keytool(password, "-certreq", "-keystore", ws, "-alias", alias, "-file", csr.toString());
                    keytool(read(dir.resolve("community-ca.password")), "-gencert", "-keystore",
                            dir.resolve("community-ca.p12").toString(), "-alias", "ca", "-infile", csr.toString(),
                            "-outfile", cert.toString(), "-rfc", "-sigalg", "SHA256withRSA", "-validity", "1095",
                            // a day back: a clock a little behind on the hub must not see "not yet valid"
                            "-startdate", "-1d", "-ext", "ku:c=" + keyUsage, "-ext", "bc=ca:false");
                    Files.writeString(chain, Files.readString(cert) + ca.pem());
                    keytool(password, "-importcert", "-keystore", ws, "-alias", alias, "-file", chain.toString(),
                            "-noprompt");
                });
            }
            return load(keystore, alias, ca);
        }

        interface Steps {
            void run(Path workKeystore, String password) throws IOException;
        }

        /** Runs the steps on a keystore in a private work folder, then moves password file and keystore in place. */
        private void create(Path keystore, Steps steps) throws IOException {
            Path work = Files.createTempDirectory(keystore.getParent(), ".work-"); // owner-only on POSIX
            try {
                String password = randomPassword();
                Path workKeystore = work.resolve(keystore.getFileName());
                steps.run(workKeystore, password);
                Path passwordFile = passwordFile(keystore);
                Path workPassword = work.resolve(passwordFile.getFileName());
                Files.writeString(workPassword, password + "\n");
                ownerOnly(workPassword, "rw-------");
                ownerOnly(workKeystore, "rw-------");
                // The password first: a keystore present is a keystore complete with its password.
                Files.move(workPassword, passwordFile, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Files.move(workKeystore, keystore, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                try (var files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        /** Opens a keystore with its stored password and checks what the hub will check too, with a clear error. */
        private Issued load(Path keystore, String alias, Issued issuer) {
            Path passwordFile = passwordFile(keystore);
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, read(passwordFile).toCharArray());
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || !(chain[0] instanceof X509Certificate cert)) {
                    throw new Failure(KEY_MATERIAL, keystore + " has no key entry '" + alias + "'");
                }
                cert.checkValidity();
                if (issuer != null) {
                    cert.verify(certificate(issuer.pem()).getPublicKey());
                }
                Path pem = keystore.resolveSibling(alias + ".pem");
                String text = pem(cert);
                if (!Files.exists(pem) || !Files.readString(pem).equals(text)) {
                    Files.writeString(pem, text); // public: for curl, the gateway kit and the curious
                }
                return new Issued(keystore, passwordFile, alias, text, fingerprint(cert));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new Failure(KEY_MATERIAL, "the certificate in " + keystore + " is out of its validity (" + e
                        .getMessage() + "): remove " + dir + " and the database (an empty data folder) to start "
                        + "afresh");
            } catch (GeneralSecurityException e) {
                throw new Failure(KEY_MATERIAL, keystore + " does not open with the password in " + passwordFile
                        + ", or was not issued by the demo CA next to it (" + e.getMessage() + "): remove " + dir
                        + " and the database (an empty data folder) to start afresh");
            } catch (IOException e) {
                throw new Failure(KEY_MATERIAL, "cannot read " + keystore + " with the password in " + passwordFile
                        + ": " + e.getMessage());
            }
        }

        private static Path passwordFile(Path keystore) {
            String name = keystore.getFileName().toString();
            return keystore.resolveSibling(name.substring(0, name.length() - ".p12".length()) + ".password");
        }

        /** The password goes to keytool through its environment (-storepass:env), never on its command line. */
        private static void keytool(String password, String... args) throws IOException {
            // keytool does one short step per JVM: the C1 compiler alone and the serial collector halve each start.
            List<String> command = new ArrayList<>(List.of(KEYTOOL, "-J-XX:TieredStopAtLevel=1",
                    "-J-XX:+UseSerialGC"));
            command.addAll(List.of(args));
            command.addAll(List.of("-storepass:env", "DEMO_STOREPASS"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEMO_STOREPASS", password);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (process.waitFor() != 0) {
                    throw new Failure(KEY_MATERIAL, "keytool " + args[0] + " failed (exit " + process.exitValue()
                            + "): " + output.strip());
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new Failure(KEY_MATERIAL, "interrupted while keytool " + args[0] + " ran");
            }
        }

        static String read(Path file) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new Failure(KEY_MATERIAL, "cannot read " + file + ": " + e.getMessage());
            }
        }

        private static void ownerOnly(Path path, String permissions) throws IOException {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the ACL of the user's folder, which is what we can get there.
            }
        }

        /** 24 random bytes, base64url: 32 characters that need no quoting anywhere. */
        private static String randomPassword() {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private static X509Certificate certificate(String pem) throws GeneralSecurityException {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        }

        private static String pem(X509Certificate cert) throws GeneralSecurityException {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }

        /** The hub names certificates by SHA-256 over the DER, 64 lowercase hex digits. */
        private static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        }

        private static void say(String text) {
            System.out.println("demo: " + text);
        }
    }

    /** The little JSON the admin API needs, without a library: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String text;
        private int pos;

        private Json(String text) {
            this.text = text;
        }

        static Map<String, Object> object(Object... keysAndValues) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                if (keysAndValues[i + 1] != null) {
                    map.put((String) keysAndValues[i], keysAndValues[i + 1]);
                }
            }
            return map;
        }

        static String write(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof Map<?, ?> map) {
                StringBuilder out = new StringBuilder("{");
                map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(write(k)).append(':')
                        .append(write(v)));
                return out.append('}').toString();
            }
            if (value instanceof List<?> list) {
                StringBuilder out = new StringBuilder("[");
                list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(write(v)));
                return out.append(']').toString();
            }
            if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return out.append('"').toString();
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.pos != text.length()) {
                throw json.error("trailing characters");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object value) {
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new Failure(REFUSED, "the hub answered " + write(value) + " where an object was expected");
        }

        static List<Object> list(Object value) {
            if (value instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            throw new Failure(REFUSED, "the hub answered " + write(value) + " where a list was expected");
        }

        static long number(Object value) {
            return value instanceof BigDecimal n ? n.longValueExact() : -1;
        }

        /** Ids arrive as JSON numbers; paths want them as plain digits. */
        static String id(Object value) {
            if (value instanceof BigDecimal n) {
                return n.toBigIntegerExact().toString();
            }
            throw new Failure(REFUSED, "the hub answered without an id (" + write(value) + ")");
        }

        private Object value() {
            space();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    for (String literal : List.of("true", "false", "null")) {
                        if (text.startsWith(literal, pos)) {
                            pos += literal.length();
                            return literal.equals("null") ? null : Boolean.valueOf(literal);
                        }
                    }
                    int start = pos;
                    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                        pos++;
                    }
                    if (start == pos) {
                        throw error("unexpected '" + c + "'");
                    }
                    return new BigDecimal(text.substring(start, pos));
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> out.append(e); // \" \\ \/
                    }
                } else {
                    out.append(c);
                }
            }
            expect('"');
            return out.toString();
        }

        private void space() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON (" + what + " at " + pos + ")");
        }
    }

    /** Ends the program with a message for the developer and a non-zero exit code. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int exit;

        Failure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }
}
