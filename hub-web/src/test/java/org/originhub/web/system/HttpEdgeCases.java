package org.originhub.web.system;

import static org.originhub.web.system.SystemTestData.adminPassword;
import static org.originhub.web.system.SystemTestData.field;
import static org.originhub.web.system.SystemTestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originhub.registry.testing.TestPki;

/**
 * The HTTP edge of the deployed WAR, probed from outside as an attacker or a careless client would (issue 13): raw
 * sockets for partial and oversized bodies, foreign {@code Host} headers and malformed transport-level SOAP input,
 * plain HTTP for the login throttle and the API's limits. Reads the server's output (Arquillian prints it to this
 * JVM's {@code System.out}, which this class copies) to show that no refusal writes a stack trace.
 *
 * <p>These cases run on {@link HubSystemIT}'s server, which extends this class: a server of their own would cost the
 * suite a Payara Micro start. Each case leaves the server as it found it (its own member states, users and client
 * addresses), so they may run in any order with the system test's own cases.
 */
abstract class HttpEdgeCases {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ServerOutput SERVER = ServerOutput.capture();
    private static final Duration SOCKET_WAIT = Duration.ofSeconds(30);

    @ArquillianResource
    private URL deployed;

    /** The deployed WAR over loopback, the test's trusted proxy (Arquillian names the machine's own address). */
    private URL base;

    @BeforeEach
    void overLoopback() throws Exception {
        base = new URL("http", "127.0.0.1", deployed.getPort(), deployed.getPath());
    }

    @AfterAll
    static void releaseOutput() {
        SERVER.release();
    }

    /**
     * 300 clients each declare a body and send part of it. They hold sockets, not worker threads: readiness and a
     * signed SOAP request answer within 2 s each while they wait, and each of them is answered with a SOAP fault once
     * HUB_REQUEST_BODY_TIMEOUT (5 s in the tests) has passed. 40 more do the same with console form posts, which
     * worker threads read: 16 at most, the others are refused at once.
     */
    @Test
    void partialBodiesHoldSocketsNotWorkerThreads(DataSource dataSource) throws Exception {
        TestPki.Issued gateway = onboardedGateway();
        byte[] signed = SignedSoap.sign("<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", gateway);
        List<Socket> held = new ArrayList<>();
        List<Socket> forms = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                held.add(send("POST " + root() + "services/" + (i % 2 == 0 ? "exchange" : "registry")
                        + " HTTP/1.1\r\nHost: hub\r\n"
                        + "Content-Type: text/xml; charset=utf-8\r\nContent-Length: 100000\r\n\r\n"
                        + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"));
            }
            // Console form posts are read by worker threads, at most 16 at once: the rest are refused at once.
            for (int i = 0; i < 40; i++) {
                forms.add(send("POST " + root() + "console/login.xhtml HTTP/1.1\r\nHost: hub\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
                        + "login=login"));
            }
            Instant readyAt = Instant.now();
            HttpResponse<String> ready = get(URI.create(base.toString()).resolve("/health/ready"), null, null);
            Duration readiness = Duration.between(readyAt, Instant.now());
            Instant signedAt = Instant.now();
            HttpResponse<String> directory = soap("registry", signed);
            Duration signedRequest = Duration.between(signedAt, Instant.now());

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(readiness).as("readiness with 300 partial bodies pending").isLessThan(Duration.ofSeconds(2));
            assertThat(directory.statusCode()).as(directory.body()).isEqualTo(200);
            assertThat(directory.body()).contains("<Serial>");
            assertThat(signedRequest).as("a signed request with 300 partial bodies pending")
                    .isLessThan(Duration.ofSeconds(2));

            observed("readiness / signed request with 300 partial bodies pending (ms)",
                    readiness.toMillis() + " / " + signedRequest.toMillis());
            String answer = readResponse(held.get(0));
            assertThat(answer).startsWith("HTTP/1.1 500").contains("hub:InvalidRequest")
                    .contains("did not arrive in time");
            String registry = readResponse(held.get(1));
            assertThat(registry).startsWith("HTTP/1.1 500").contains("hub:InvalidRequest");
            int waiting = 0;
            for (Socket form : forms) {
                form.setSoTimeout(200);
                try {
                    assertThat(readResponse(form)).as("a partial console form post not being read")
                            .startsWith("HTTP/1.1 503");
                } catch (AssertionError e) {
                    if (!(e.getCause() instanceof SocketTimeoutException)) {
                        throw e;
                    }
                    waiting++;
                }
            }
            assertThat(waiting).as("partial console form posts held by worker threads").isBetween(1, 16);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            for (Socket socket : forms) {
                socket.close();
            }
        }
    }

    /**
     * Java's HttpClient at its default version offers an upgrade to HTTP/2 in clear text ({@code Upgrade: h2c}) with
     * the first request of every connection, a POST's body included, and speaks HTTP/2 on the connection once the
     * listener accepts. Signed and unsigned SOAP requests of 1 KB to 200 KB to every service, on new connections (each
     * an upgrade offer) and on a reused one, 8 at a time, are each answered by the service within 20 s. 64 more of
     * 70 KB and 200 KB go over the reused connection's HTTP/2 streams, where Grizzly can report the end of a body larger
     * than the stream's 64 KB window before its last bytes can be read: each arrives whole.
     */
    @Test
    void postsOfferingAnH2cUpgradeAreAllAnswered() throws Exception {
        TestPki.Issued gateway = onboardedGateway();
        HttpClient reused = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<String>> answers = new ArrayList<>();
        Instant started = Instant.now();
        try {
            for (int i = 0; i < 112; i++) {
                int n = i;
                boolean large = n >= 48;
                answers.add(clients.submit(() -> {
                    HttpClient client = large || n % 2 == 0 ? reused
                            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                    String service = large ? "hub" : new String[] {"hub", "exchange", "registry"}[n % 3];
                    int padding = large ? new int[] {70_000, 200_000}[n % 2]
                            : new int[] {1_000, 16_000, 70_000, 200_000}[n % 4];
                    boolean signed = !large && n % 8 == 5;
                    byte[] envelope = signed
                            ? SignedSoap.sign("<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", gateway)
                            : ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><!-- "
                                    + "x".repeat(padding) + " --><GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/>"
                                    + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
                    String to = signed ? "registry" : service;
                    HttpResponse<String> answer = client.send(HttpRequest
                            .newBuilder(URI.create(base + "services/" + to))
                            .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                            .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    String what = (signed ? "signed GetDirectory" : padding + " bytes") + " to " + to
                            + (client == reused ? " (reused client)" : " (new client)");
                    if (signed) {
                        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(200);
                        assertThat(answer.body()).as(what).contains("<Serial>");
                    } else if (to.equals("hub")) {
                        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(200);
                        assertThat(answer.body()).as(what).contains("<Node>");
                    } else {
                        // unsigned: exchange asks for the signature first, registry knows no GetHubInfo operation
                        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(500);
                        assertThat(answer.body()).as(what)
                                .containsPattern("hub:(SecurityError|InvalidRequest)</faultcode>");
                    }
                    return answer.version() + " " + what;
                }));
            }
            for (Future<String> answer : answers) {
                answer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        Map<String, Integer> versions = new TreeMap<>();
        for (Future<String> answer : answers) {
            versions.merge(answer.get().substring(0, answer.get().indexOf(' ')), 1, Integer::sum);
        }
        assertThat(versions).as("the reused connection speaks HTTP/2 after the upgrade").containsKey("HTTP_2");
        observed("112 POSTs from HttpClient at its default version: answered (ms), by version",
                Duration.between(started, Instant.now()).toMillis() + ", " + versions);
    }

    /**
     * The request bodies held in memory at once are bounded ({@code HUB_REQUEST_BUFFER_BYTES}, 24 MiB in the tests,
     * hub-web/pom.xml): three clients each declare 10 MB and send 9 MB of it, 27 MB between them. The body whose bytes
     * pass the budget is refused with {@code ServiceUnavailable} at once (the refusal is logged; the client may see
     * the connection reset instead, since the hub stops reading it), the two others wait for the rest of their bodies
     * until the body timeout. Then every byte is given back: two bodies of 9 MB, one after the other, are answered.
     */
    @Test
    void requestBodiesHeldInMemoryAreBoundedAndGivenBackWhenTheirRequestsEnd() throws Exception {
        int mark = SERVER.length();
        byte[] nineMegabytes = "x".repeat(9_000_000).getBytes(StandardCharsets.US_ASCII);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket client = send("POST " + root() + "services/hub HTTP/1.1\r\nHost: hub\r\n"
                        + "Content-Type: text/xml; charset=utf-8\r\nContent-Length: 10000000\r\n\r\n");
                try {
                    client.getOutputStream().write(nineMegabytes);
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    // the hub refused this body while it was being sent and closed the connection
                }
                clients.add(client);
            }
            List<String> answers = new ArrayList<>();
            for (Socket client : clients) {
                try {
                    answers.add(readResponse(client));
                } catch (IOException e) {
                    answers.add("reset: " + e.getMessage());
                }
            }
            observed("three bodies of 9 MB against a 24 MiB budget: answers",
                    answers.stream().map(a -> a.lines().findFirst().orElse("")).toList());
            assertThat(SERVER.since(mark)).as("the refusal, logged")
                    .contains("would pass 25165824 bytes (HUB_REQUEST_BUFFER_BYTES)");
            assertThat(answers).as("one body refused, two waiting until the body timeout")
                    .filteredOn(a -> a.contains("did not arrive in time")).hasSize(2);
            assertThat(answers).filteredOn(a -> a.contains("hub:ServiceUnavailable") || a.startsWith("reset"))
                    .hasSize(1);
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        String padded = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><!-- "
                + "x".repeat(9_000_000) + " --><GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></s:Body></s:Envelope>";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> info = post(URI.create(base + "services/hub"), "text/xml; charset=utf-8", padded);
            assertThat(info.statusCode()).as("a 9 MB body once the budget is back: " + info.body()).isEqualTo(200);
            assertThat(info.body()).contains("<Node>");
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAtOnce() throws Exception {
        for (String service : new String[] {"exchange", "registry", "hub"}) {
            Instant sent = Instant.now();
            try (Socket socket = send("POST " + root() + "services/" + service + " HTTP/1.1\r\nHost: hub\r\n"
                    + "Content-Type: text/xml; "
                    + "charset=utf-8\r\nContent-Length: 20971520\r\n\r\n")) {
                String answer = readResponse(socket);

                observed("TooLarge for a declared 20 MiB to " + service + " (ms)",
                        Duration.between(sent, Instant.now()).toMillis());
                assertThat(Duration.between(sent, Instant.now())).as(service).isLessThan(Duration.ofSeconds(1));
                assertThat(answer).as(service).startsWith("HTTP/1.1 500").contains("hub:TooLarge")
                        .contains("HUB_MAX_MESSAGE_BYTES").doesNotContain("<html");
            }
        }
    }

    /** An API request with a body is authenticated once: one password check, one LOGIN record. */
    @Test
    void aRequestWithABodyIsAuthenticatedOnce(DataSource dataSource) throws Exception {
        long before = logins(dataSource);
        HttpResponse<String> created = postApi("admin/member-states", "{\"code\":\"Y"
                + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + "\",\"name\":\"Edge once\"}");

        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        assertThat(logins(dataSource) - before).isEqualTo(1);
    }

    private static long logins(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_record WHERE action = 'LOGIN' "
                        + "AND actor = 'admin'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a50MegabyteJsonBodyIsRefusedWith413AndTheHubCarriesOn() throws Exception {
        Instant sent = Instant.now();
        try (Socket socket = send("POST " + root() + "api/admin/member-states HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Basic "
                + basic("admin", adminPassword()) + "\r\nContent-Type: application/json\r\nContent-Length: "
                + 50L * 1024 * 1024 + "\r\n\r\n")) {
            String answer = readResponse(socket);

            observed("413 for a declared 50 MiB JSON body, with authentication (ms)",
                    Duration.between(sent, Instant.now()).toMillis());
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(2));
            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"status\":413")
                    .contains("HUB_API_MAX_BODY_BYTES");
        }
        HttpResponse<String> me = get(URI.create(base + "api/me"), "admin", adminPassword());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"admin\"");
    }

    /**
     * 50 wrong passwords for the administrator from one address, 8 at a time: that address is throttled (429 with
     * Retry-After, no password hashing), while the administrator signs in from another address and {@code /api/me}
     * answers no more than twice as slowly as before. No account is locked.
     */
    @Test
    void wrongLoginsFromOneAddressAreThrottledWithoutSlowingOthersOrLockingTheAccount() throws Exception {
        String attacker = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 250);
        String colleague = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
        URI me = URI.create(base + "api/me");
        List<Long> baseMe = new ArrayList<>();
        List<Long> baseOther = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            baseMe.add(timed(me, "admin", adminPassword(), null));
            baseOther.add(timed(me, "admin", adminPassword(), colleague));
        }

        ExecutorService attack = Executors.newFixedThreadPool(8);
        AtomicInteger unauthorized = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int guess = i;
            attempts.add(attack.submit(() -> {
                HttpResponse<String> response = getFrom(me, "admin", "guess " + guess, attacker);
                if (response.statusCode() == 401) {
                    unauthorized.incrementAndGet();
                } else if (response.statusCode() == 429
                        && response.headers().firstValue("Retry-After").isPresent()) {
                    throttled.incrementAndGet();
                } else {
                    unexpected.add(response.statusCode() + " " + response.body());
                }
                return null;
            }));
        }
        List<Long> duringMe = new ArrayList<>();
        List<Long> duringOther = new ArrayList<>();
        while (duringMe.size() < 5 || attempts.stream().anyMatch(f -> !f.isDone())) {
            duringMe.add(timed(me, "admin", adminPassword(), null));
            duringOther.add(timed(me, "admin", adminPassword(), colleague));
        }
        attack.shutdown();
        assertThat(attack.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> attempt : attempts) {
            attempt.get();
        }

        observed("50 wrong logins: 401 / 429", unauthorized.get() + " / " + throttled.get());
        observed("GET /api/me median before / during (ms)", median(baseMe) + " / " + median(duringMe));
        observed("sign-in from another address median before / during (ms)",
                median(baseOther) + " / " + median(duringOther));
        assertThat(unexpected).isEmpty();
        assertThat(unauthorized.get() + throttled.get()).isEqualTo(50);
        assertThat(throttled.get()).as("attempts refused without checking the password").isGreaterThanOrEqualTo(40);
        assertThat(median(duringMe)).as("GET /api/me during the attack (ms), before: %s", baseMe)
                .isLessThanOrEqualTo(2 * median(baseMe));
        assertThat(median(duringOther)).as("a sign-in from another address during the attack (ms), before: %s",
                baseOther).isLessThanOrEqualTo(2 * median(baseOther));
        assertThat(getFrom(me, "admin", adminPassword(), attacker).statusCode())
                .as("the attacker's address, even with the right password").isEqualTo(429);
        assertThat(getFrom(me, "admin", adminPassword(), colleague).statusCode())
                .as("the administrator from elsewhere: not locked out").isEqualTo(200);
    }

    @Test
    void lockedDisabledUnknownAndWrongPasswordAreAnsweredAlike(DataSource dataSource) throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        insertUser(dataSource, "edge-locked-" + suffix, "locked user password", "ACTIVE",
                Instant.now().plus(Duration.ofHours(1)), false);
        insertUser(dataSource, "edge-disabled-" + suffix, "disabled user password", "DISABLED", null, false);
        insertUser(dataSource, "edge-active-" + suffix, "active user password", "ACTIVE", null, false);
        String source = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 250);
        URI me = URI.create(base + "api/me");

        List<HttpResponse<String>> answers = List.of(
                getFrom(me, "edge-locked-" + suffix, "locked user password", source),
                getFrom(me, "edge-disabled-" + suffix, "disabled user password", source),
                getFrom(me, "edge-nobody-" + suffix, "no password at all", source),
                getFrom(me, "edge-active-" + suffix, "not the password", source));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).isEqualTo(answers.get(0).body()).contains("Invalid username or password");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Origin Hub\"");
        }
    }

    @Test
    void theApiRefusesAUserWhoMustStillChangeTheInitialPassword(DataSource dataSource) throws Exception {
        String name = "edge-initial-" + System.nanoTime() % 1_000_000;
        insertUser(dataSource, name, "initial password 1", "ACTIVE", null, true);

        HttpResponse<String> refused = get(URI.create(base + "api/me"), name, "initial password 1");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"PasswordChangeRequired\"").contains("console");
    }

    /**
     * Malformed transport-level input to each SOAP service is answered with a documented fault code (InvalidRequest
     * naming the cause, TooLarge), never InternalError or an HTML page, and writes no stack trace to the server log.
     */
    @Test
    void malformedTransportInputGetsADocumentedFaultAndNoStackTrace() throws Exception {
        int mark = SERVER.length();
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></soap:Body></soap:Envelope>";
        for (String service : new String[] {"exchange", "registry", "hub"}) {
            URI uri = URI.create(base + "services/" + service);
            HttpResponse<String> multipart = post(uri, "multipart/related; type=\"text/xml\"", envelope);
            assertFault(multipart, "InvalidRequest", service + " multipart without boundary").contains("boundary");
            HttpResponse<String> charset = post(uri, "text/xml; charset=x-bogus-zzz", envelope);
            assertFault(charset, "InvalidRequest", service + " bogus charset").contains("charset");
            HttpResponse<String> schema = get(URI.create(uri + "?xsd=nonexistent.xsd"), null, null);
            assertFault(schema, "InvalidRequest", service + " unknown schema").contains("schema");
        }
        HttpResponse<String> known = get(URI.create(base + "services/exchange?xsd=envelope-v1.xsd"), null, null);
        assertThat(known.statusCode()).as("a published schema still answers").isEqualTo(200);
        assertThat(known.body()).contains("urn:originhub:envelope:v1");

        Thread.sleep(500);
        String log = SERVER.since(mark);
        assertThat(log).doesNotContain("SEVERE").doesNotContainPattern("(?m)^\\s+at [a-z]+\\.")
                .doesNotContain("Exception:");
    }

    @Test
    void theSessionCookieCarriesSameSiteAndTheLoginPageCreatesNoSession() throws Exception {
        HttpResponse<String> page = get(URI.create(base + "console/login.xhtml"), null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Set-Cookie")).as("an anonymous look at the login page").isEmpty();
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"").matcher(page.body());
        assertThat(state.find()).as("the login form's view state").isTrue();

        String form = "login=login&login%3Ausername=admin&login%3Apassword="
                + URLEncoder.encode(adminPassword(), StandardCharsets.UTF_8) + "&login%3Asign-in=&"
                + "jakarta.faces.ViewState=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "console/login.xhtml"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));
    }

    @Test
    void aForeignHostHeaderReachesNeitherTheWsdlNorARedirect() throws Exception {
        try (Socket socket = send("GET " + root() + "services/exchange?wsdl HTTP/1.1\r\nHost: evil.example:666\r\n"
                + "Connection: close\r\n\r\n")) {
            String wsdl = readResponse(socket);
            assertThat(wsdl).startsWith("HTTP/1.1 200").contains("soap:address location=\"")
                    .doesNotContain("evil.example");
        }
        try (Socket socket = send("GET " + root() + "console/dashboard.xhtml HTTP/1.1\r\nHost: evil.example:666\r\n"
                + "Connection: close\r\n\r\n")) {
            String redirect = readResponse(socket);
            assertThat(redirect).startsWith("HTTP/1.1 302").containsPattern("(?i)location: ")
                    .doesNotContain("evil.example");
        }
    }

    @Test
    void anonymousCallersLearnNoInternals() throws Exception {
        HttpResponse<String> health = get(URI.create(base.toString()).resolve("/health"), null, null);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("version\"");
        HttpResponse<String> metrics = get(URI.create(base.toString()).resolve("/metrics"), null, null);
        assertThat(metrics.statusCode()).isNotEqualTo(200);
        assertThat(metrics.body()).doesNotContain("heap").doesNotContain("thread");
        HttpResponse<String> info = post(URI.create(base + "services/hub"), "text/xml; charset=utf-8",
                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                        + "<GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></s:Body></s:Envelope>");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).containsPattern("<Node>node-[0-9a-f]{12}</Node>").doesNotContain("@");
    }

    @Test
    void theApiRefusesOtherContentTypesAndUnreadableNumbers() throws Exception {
        String basic = basic("admin", adminPassword());
        for (String path : new String[] {"audit/checkpoints", "admin/retention/purge",
            "admin/alerts/1/acknowledge"}) {
            HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/" + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                    .header("Content-Type", "text/plain").header("Origin", "https://elsewhere.example")
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).as(path + " as text/plain").isEqualTo(415);
        }
        for (String path : new String[] {"audit/records?limit=abc", "audit/records?after=x1",
            "audit/checkpoints?limit=ten"}) {
            HttpResponse<String> bad = get(URI.create(base + "api/" + path), "admin", adminPassword());
            assertThat(bad.statusCode()).as(path).isEqualTo(400);
            assertThat(bad.body()).as(path).contains("whole numbers");
        }
    }

    /** A gateway of a new member state, registered through its own signed onboarding request and approved. */
    private TestPki.Issued onboardedGateway() throws Exception {
        String member = "X" + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
        TestPki.Issued ca = TestPki.ca("CN=Edge Test CA " + member + ",O=Origin Hub");
        TestPki.Issued gateway = TestPki.leaf(ca, "CN=gw." + member.toLowerCase() + ",O=Edge Test").build();
        String admin = adminPassword();
        assertThat(postApi("admin/trust-anchors", "{\"name\":\"Edge Test CA " + member + "\",\"certificate\":\""
                + json(ca.pem()) + "\"}").statusCode()).isEqualTo(201);
        postApi("admin/member-states", "{\"code\":\"" + member + "\",\"name\":\"Edge " + member + "\"}");
        String code = field(postApi("admin/member-states/" + member + "/onboarding-codes", "{}").body(), "code");
        String registration = "<r:RequestGatewayRegistrationRequest xmlns:r=\"urn:originhub:registry:v1\">"
                + "<r:MemberState>" + member + "</r:MemberState><r:OnboardingCode>" + code + "</r:OnboardingCode>"
                + "<r:GatewayName>edge-gw-" + System.nanoTime() % 100_000 + "</r:GatewayName>"
                + "<r:DeliveryMode>PULL</r:DeliveryMode><r:Permission>SEND:CERTIFICATE_OF_ORIGIN</r:Permission>"
                + "<r:Certificate>" + Base64.getEncoder().encodeToString(gateway.der())
                + "</r:Certificate></r:RequestGatewayRegistrationRequest>";
        HttpResponse<String> receipt = soap("registry", SignedSoap.sign(registration, gateway));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        Matcher id = Pattern.compile("<RequestId>([^<]+)</RequestId>").matcher(receipt.body());
        assertThat(id.find()).isTrue();
        assertThat(postApi("admin/requests/" + id.group(1) + "/approve", "{}").statusCode()).isEqualTo(200);
        return gateway;
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertFault(HttpResponse<String> response,
            String code, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        return assertThat(response.body()).as(what).contains("hub:" + code + "</faultcode>")
                .doesNotContain("InternalError").doesNotContain("<html").doesNotContain("Exception");
    }

    private long timed(URI uri, String username, String password, String forwardedFor) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> response = getFrom(uri, username, password, forwardedFor);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Duration.between(start, Instant.now()).toMillis();
    }

    /** What a run measured, on the build output (docs/reliability.md quotes it). */
    private static void observed(String what, Object value) {
        System.out.println("HttpEdgeCases observed: " + what + ": " + value);
    }

    private static long median(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The WAR's context path, with a trailing slash. */
    private String root() {
        return base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    }

    private Socket send(String head) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout((int) SOCKET_WAIT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    /** The response on a raw socket: up to the end of the body its Content-Length announces, or to the close. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                int headEnd = text.indexOf("\r\n\r\n");
                Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(text);
                if (headEnd > 0 && length.find() && length.start() < headEnd
                        && received.size() >= headEnd + 4 + Integer.parseInt(length.group(1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete response within " + SOCKET_WAIT + ": " + received, e);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> soap(String service, byte[] envelope) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "services/" + service))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postApi(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic("admin", adminPassword()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri, String username, String password) throws Exception {
        return getFrom(uri, username, password, null);
    }

    /** A GET as a client behind the trusted proxy on loopback (HUB_TRUSTED_PROXIES in hub-web/pom.xml). */
    private static HttpResponse<String> getFrom(URI uri, String username, String password, String forwardedFor)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (username != null) {
            request.header("Authorization", "Basic " + basic(username, password));
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String username, String password) {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An operator user written straight into the database. */
    private static void insertUser(DataSource dataSource, String username, String password, String status,
            Instant lockedUntil, boolean mustChangePassword) throws Exception {
        SystemTestData.insertUser(dataSource, username, password, "OPERATOR", null, status, lockedUntil,
                mustChangePassword, "HttpEdgeCases");
    }

    /**
     * A copy of what the server prints: Arquillian's Payara Micro container writes each line of the server's output
     * with {@code System.out.println}, which this tee passes on and keeps.
     */
    private static final class ServerOutput {

        private final PrintStream original;
        private final StringBuffer text = new StringBuffer();

        private ServerOutput(PrintStream original) {
            this.original = original;
        }

        static ServerOutput capture() {
            ServerOutput output = new ServerOutput(System.out);
            System.setOut(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    output.original.write(b);
                    output.text.append((char) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    output.original.write(b, off, len);
                    output.text.append(new String(b, off, len, StandardCharsets.UTF_8));
                }
            }, true, StandardCharsets.UTF_8));
            return output;
        }

        int length() {
            return text.length();
        }

        String since(int mark) {
            return text.substring(mark);
        }

        void release() {
            System.setOut(original);
        }
    }
}
