package org.originhub.web.system;

import static org.originhub.web.system.SystemTestData.adminPassword;
import static org.originhub.web.system.SystemTestData.field;
import static org.originhub.web.system.SystemTestData.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.registry.testing.TestPki;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.gatewaykit.client.DocumentStatusReport;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.HubFaultException;
import org.originhub.gatewaykit.client.InboxItem;
import org.originhub.gatewaykit.client.Pull;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.client.Reference;
import org.originhub.gatewaykit.client.StatusChange;
import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.BusinessResponseKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.envelope.VerificationResult;
import org.originhub.gatewaykit.samples.SampleDocuments;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.simulator.GatewaySimulator;

/**
 * The real WAR on Payara Micro against a real MariaDB: readiness, the published WSDL and a SOAP call, and the REST
 * API's authentication (HTTP Basic against hub users, the first administrator from {@code HUB_ADMIN_PASSWORD}, set
 * for this test in hub-web/pom.xml). The database extension comes first so the server starts after the database it is
 * configured for. The HTTP edge's cases ({@link HttpEdgeCases}) run on the same server.
 */
@ExtendWith({EmbeddedDatabaseExtension.class, ArquillianExtension.class})
class HubSystemIT extends HttpEdgeCases {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive hub() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("hub.war")));
    }

    @Test
    void readinessIsUpOnceTheSchemaIsMigrated() throws Exception {
        HttpResponse<String> ready = get(URI.create(base.toString()).resolve("/health/ready"));

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("\"name\":\"database\"")
                .contains("schemaVersion");
    }

    @Test
    void theExchangeServicePublishesItsContract() throws Exception {
        HttpResponse<String> wsdl = get(URI.create(base + "services/exchange?wsdl"));

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("urn:originhub:exchange:v1").contains("name=\"ExchangePortType\"")
                .contains("SubmitDocument").contains("PullDocuments").contains("GetDocumentStatus");
        Matcher schema = Pattern.compile("schemaLocation=\"([^\"]+envelope-v1\\.xsd[^\"]*)\"").matcher(wsdl.body());
        assertThat(schema.find()).as("the envelope schema is published with the WSDL").isTrue();
        HttpResponse<String> xsd = get(URI.create(schema.group(1).replace("&amp;", "&")));
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).contains("urn:originhub:envelope:v1").contains("DeliveredDocument");
    }

    @Test
    void theHubInfoWsdlIsTheContract() throws Exception {
        HttpResponse<String> wsdl = get(URI.create(base + "services/hub?wsdl"));

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("targetNamespace=\"urn:originhub:info:v1\"")
                .contains("name=\"GetHubInfo\"").contains("HubInfoService");
    }

    @Test
    void getHubInfoAnswersWithTheIdentityStoredInTheDatabase(DataSource dataSource) throws Exception {
        HttpResponse<String> response = hubInfo();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<HubName>Origin Hub</HubName>").contains("<HubVersion>");
        Matcher instance = Pattern.compile("<InstanceId>([^<]+)</InstanceId>").matcher(response.body());
        assertThat(instance.find()).isTrue();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT instance_id FROM hub_instance")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(instance.group(1));
        }
    }

    @Test
    void theStartOfThisNodeWasRecorded(DataSource dataSource) throws Exception {
        // The database may hold the starts of earlier servers: this node's row is the one whose internal name
        // (pid@host) digests to the node name it reports to anonymous callers ("node-" and 12 hex of its SHA-256).
        HttpResponse<String> info = hubInfo();
        Matcher node = Pattern.compile("<Node>([^<]+)</Node>").matcher(info.body());
        Matcher version = Pattern.compile("<HubVersion>([^<]+)</HubVersion>").matcher(info.body());
        assertThat(node.find()).as(info.body()).isTrue();
        assertThat(version.find()).as(info.body()).isTrue();

        List<String> starts = new ArrayList<>();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT node_name, hub_version FROM hub_start"); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String published = "node-" + HexFormat.of().formatHex(
                        sha256.digest(rs.getString(1).getBytes(StandardCharsets.UTF_8)), 0, 6);
                if (published.equals(node.group(1))) {
                    starts.add(rs.getString(2));
                }
            }
        }
        assertThat(starts).as("the starts recorded for node " + node.group(1)).containsExactly(version.group(1));
    }

    private HttpResponse<String> hubInfo() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "services/hub"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:originhub:info:v1:GetHubInfo\"")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                                + "<GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></s:Body></s:Envelope>"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAsksAnonymousCallersForBasicCredentials() throws Exception {
        for (String path : new String[] {"api/me", "api/no-such-resource"}) {
            HttpResponse<String> response = get(URI.create(base + path));

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path)
                    .hasValue("Basic realm=\"Origin Hub\"");
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).as(path).contains("\"status\":401").contains("\"code\":\"Unauthenticated\"")
                    .contains("\"message\":");
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsUnauthorized() throws Exception {
        for (String[] credentials : new String[][] {{"admin", "not the admin password"},
            {"nobody", "no password at all"}}) {
            HttpResponse<String> response = get(URI.create(base + "api/me"), credentials[0], credentials[1]);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Origin Hub\"");
            assertThat(response.body()).contains("Invalid username or password");
        }
    }

    @Test
    void theFirstAdministratorSignsInWithThePasswordFromTheEnvironment() throws Exception {
        HttpResponse<String> response = get(URI.create(base + "api/me"), "admin", adminPassword());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"admin\"").contains("\"role\":\"SECRETARIAT_ADMIN\"")
                .contains("\"memberCode\":null");
    }

    @Test
    void anOperationWithoutAnAccessRuleIsForbiddenEvenToTheAdministrator() throws Exception {
        // Jersey answers OPTIONS itself, from a handler that carries no @RolesAllowed: deny by default must hold.
        String basic = Base64.getEncoder().encodeToString(("admin:" + adminPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/me"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403").contains("\"code\":\"Forbidden\"");
    }

    @Test
    void otherRolesSignInTooAndAMemberAuditorSeesItsMemberState(DataSource dataSource) throws Exception {
        insertUser(dataSource, "it-member-auditor", "member auditor password", "MEMBER_AUDITOR", "KE", null);

        HttpResponse<String> response = get(URI.create(base + "api/me"), "it-member-auditor",
                "member auditor password");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"it-member-auditor\"")
                .contains("\"role\":\"MEMBER_AUDITOR\"").contains("\"memberCode\":\"KE\"");
    }

    @Test
    void anAuditorReadsTheLogAndItsExportVerifiesOfflineWithTheAuditorsOwnProgram(DataSource dataSource)
            throws Exception {
        insertUser(dataSource, "it-auditor", "auditor password 1", "AUDITOR", null, null);

        HttpResponse<String> page = get(URI.create(base + "api/audit/records?limit=2&order=oldest"), "it-auditor",
                "auditor password 1");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).containsPattern("\"seq\":1[,}]").containsPattern("\"seq\":2[,}]")
                .doesNotContainPattern("\"seq\":3[,}]").contains("\"next\":2");
        HttpResponse<String> adminPage = get(URI.create(base + "api/audit/records?action=LOGIN&limit=500"), "admin",
                adminPassword());
        assertThat(adminPage.statusCode()).isEqualTo(200);
        assertThat(adminPage.body()).contains("\"action\":\"LOGIN\"").doesNotContain("\"action\":\"USER_");

        HttpResponse<String> verify = get(URI.create(base + "api/audit/verify"), "it-auditor", "auditor password 1");
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"intact\":true");

        HttpResponse<String> export = get(URI.create(base + "api/audit/export?format=jsonl"), "it-auditor",
                "auditor password 1");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("audit", ".jsonl");
        try {
            java.nio.file.Files.writeString(file, export.body(), StandardCharsets.UTF_8);
            Process verifier = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), new File("src/audit/java/AuditVerify.java").getAbsolutePath(),
                    file.toString()).redirectErrorStream(true).start();
            String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verifier.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(verifier.exitValue()).as(output).isZero();
            assertThat(output).contains("intact: " + export.body().lines().filter(l -> l.startsWith("{\"seq\":"))
                    .count() + " records");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }

        HttpResponse<String> csv = get(URI.create(base + "api/audit/export?format=csv&actor=it-auditor"),
                "it-auditor", "auditor password 1");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("seq,recorded_at,actor_kind,actor,").contains(",AUDIT_QUERIED,");

        // The queries above are in the log themselves, with their filters.
        HttpResponse<String> own = get(URI.create(base + "api/audit/records?actor=it-auditor&limit=500"), "admin",
                adminPassword());
        assertThat(own.body()).contains("\"action\":\"AUDIT_QUERIED\"").contains("limit=2")
                .contains("\"action\":\"AUDIT_EXPORTED\"").contains("format=jsonl").contains("format=csv");
    }

    @Test
    void theSecretariatTakesACheckpointAuditorsReadItAndAnExportVerifiesOfflineWithIt(DataSource dataSource)
            throws Exception {
        insertUser(dataSource, "it-cp-auditor", "auditor password 2", "AUDITOR", null, null);
        insertUser(dataSource, "it-cp-ke", "member auditor password 2", "MEMBER_AUDITOR", "KE", null);
        insertUser(dataSource, "it-cp-operator", "operator password 2", "OPERATOR", null, null);

        assertThat(post("audit/checkpoints", "it-cp-auditor", "auditor password 2", "").statusCode()).isEqualTo(403);
        assertThat(post("audit/checkpoints", "it-cp-operator", "operator password 2", "").statusCode())
                .isEqualTo(403);
        HttpResponse<String> taken = post("audit/checkpoints", "admin", adminPassword(), "");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        String seq = field(taken.body(), "seq");
        String signer = field(taken.body(), "signerFingerprint");

        HttpResponse<String> listed = get(URI.create(base + "api/audit/checkpoints?limit=1"), "it-cp-ke",
                "member auditor password 2");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"seq\":" + seq).contains("\"signature\":\"")
                .contains("\"signerCertificate\":\"");
        assertThat(get(URI.create(base + "api/audit/checkpoints"), "it-cp-operator", "operator password 2")
                .statusCode()).isEqualTo(403);
        assertThat(get(URI.create(base + "api/audit/checkpoints")).statusCode()).isEqualTo(401);

        HttpResponse<String> verify = get(URI.create(base + "api/audit/verify"), "it-cp-auditor",
                "auditor password 2");
        assertThat(verify.body()).contains("\"intact\":true");
        assertThat(Long.parseLong(field(verify.body(), "checkpoints"))).isPositive();

        HttpResponse<String> export = get(URI.create(base + "api/audit/export?format=jsonl"), "it-cp-auditor",
                "auditor password 2");
        assertThat(export.body()).contains("{\"checkpoint_seq\":" + seq + ",");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("audit", ".jsonl");
        try {
            java.nio.file.Files.writeString(file, export.body(), StandardCharsets.UTF_8);
            Process verifier = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), new File("src/audit/java/AuditVerify.java").getAbsolutePath(), "--signer",
                    signer, file.toString()).redirectErrorStream(true).start();
            String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verifier.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(verifier.exitValue()).as(output).isZero();
            assertThat(output).contains("signed checkpoints verified").contains(signer);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aMemberAuditorReadsOnlyItsOwnMemberStateAndIsRefusedAnother(DataSource dataSource) throws Exception {
        insertUser(dataSource, "it-auditor-zm", "member auditor password", "MEMBER_AUDITOR", "ZM", null);
        String user = "it-auditor-zm";
        String password = "member auditor password";

        get(URI.create(base + "api/audit/records"), user, password); // recorded with actor member ZM
        HttpResponse<String> own = get(URI.create(base + "api/audit/records?limit=500"), user, password);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"action\":\"AUDIT_QUERIED\"").contains("\"actorMember\":\"ZM\"");
        Matcher members = Pattern.compile("\"(actorMember|senderMember|recipientMember)\":\"([A-Z]{2})\"")
                .matcher(own.body());
        while (members.find()) {
            assertThat(members.group(2)).isEqualTo("ZM");
        }
        HttpResponse<String> export = get(URI.create(base + "api/audit/export"), user, password);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body().lines()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"ZM\""));

        for (String path : new String[] {"api/audit/records?member=KE", "api/audit/export?member=KE"}) {
            HttpResponse<String> other = get(URI.create(base + path), user, password);
            assertThat(other.statusCode()).as(path).isEqualTo(403);
            assertThat(other.body()).as(path).contains("\"code\":\"Forbidden\"").contains("ZM");
        }
        assertThat(get(URI.create(base + "api/audit/verify"), user, password).statusCode()).isEqualTo(403);

        HttpResponse<String> refusals = get(URI.create(base
                + "api/audit/records?actor=it-auditor-zm&outcome=REJECTED&limit=500"), "admin", adminPassword());
        assertThat(refusals.body()).contains("member=KE").contains("\"action\":\"AUDIT_EXPORTED\"");
    }

    /**
     * The REST part of the authorization sweep over HTTP: every API operation (found by reflection, see
     * {@link org.originhub.web.security.ApiRoutes}) refuses an anonymous caller with 401 and a signed-in user of
     * every role it does not name with 403, on the deployed WAR.
     */
    @Test
    void everyApiOperationRefusesAnonymousAndWrongRoleCallers(DataSource dataSource) throws Exception {
        java.util.Map<String, String> users = new java.util.HashMap<>();
        for (org.originhub.hub.users.entity.Role role : org.originhub.hub.users.entity.Role.values()) {
            String name = "it-sweep-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            insertUser(dataSource, name, "sweep password " + role, role.name(),
                    role.isScopedToMember() ? "KE" : null, null);
            users.put(role.name(), name);
        }
        java.util.List<org.originhub.web.security.ApiRoutes.Route> routes =
                org.originhub.web.security.ApiRoutes.all();
        assertThat(routes).hasSizeGreaterThan(30);
        java.util.List<String> wrong = new java.util.ArrayList<>();
        int calls = 0;
        for (org.originhub.web.security.ApiRoutes.Route route : routes) {
            URI uri = URI.create(base + route.concretePath().substring(1));
            int anonymous = call(route.httpMethod(), uri, null, null).statusCode();
            calls++;
            if (anonymous != 401) {
                wrong.add(route + " anonymous -> " + anonymous);
            }
            for (String role : route.refusedRoles()) {
                int status = call(route.httpMethod(), uri, users.get(role), "sweep password " + role)
                        .statusCode();
                calls++;
                if (status != 403) {
                    wrong.add(route + " as " + role + " -> " + status);
                }
            }
        }
        assertThat(wrong).as("operations not refused (of %d calls)", calls).isEmpty();
    }

    private static HttpResponse<String> call(String method, URI uri, String username, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, "GET".equals(method) || "DELETE".equals(method)
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":"
                    + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAuditApiRefusesAnonymousCallersAndOperators(DataSource dataSource) throws Exception {
        insertUser(dataSource, "it-audit-operator", "operator password 1", "OPERATOR", null, null);
        for (String path : new String[] {"api/audit/records", "api/audit/export", "api/audit/verify"}) {
            assertThat(get(URI.create(base + path)).statusCode()).as(path).isEqualTo(401);
            assertThat(get(URI.create(base + path), "it-audit-operator", "operator password 1").statusCode())
                    .as(path).isEqualTo(403);
        }
        HttpResponse<String> bad = get(URI.create(base + "api/audit/records?from=yesterday"), "admin",
                adminPassword());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("ISO-8601");
    }

    @Test
    void aLockedAccountIsRefusedEvenWithTheRightPasswordAndAnsweredLikeAWrongOne(DataSource dataSource)
            throws Exception {
        Instant lockedUntil = Instant.now().plus(Duration.ofHours(1));
        insertUser(dataSource, "it-locked", "locked user password", "OPERATOR", null, lockedUntil);

        HttpResponse<String> response = get(URI.create(base + "api/me"), "it-locked", "locked user password");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Origin Hub\"");
        // The same answer as an unknown name, so that it does not tell which accounts exist (issue 13).
        assertThat(response.body()).contains("\"code\":\"Unauthenticated\"")
                .contains("Invalid username or password").doesNotContain("locked");
    }

    @Test
    void healthAndTheSoapServicesIgnoreTheApiAuthentication() throws Exception {
        for (URI uri : new URI[] {URI.create(base.toString()).resolve("/health/ready"),
            URI.create(base.toString()).resolve("/health/live"), URI.create(base + "services/hub?wsdl")}) {
            assertThat(get(uri).statusCode()).as(uri + " anonymously").isEqualTo(200);
            assertThat(get(uri, "nobody", "wrong password").statusCode())
                    .as(uri + " with credentials that are not a hub user's").isEqualTo(200);
        }
    }

    @Test
    void aSecretariatOnboardsAMemberStateAndItsGatewayThroughTheAdminApi(DataSource dataSource) throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=System Test CA,O=Origin Hub");
        TestPki.Issued gateway = TestPki.leaf(ca, "CN=gw.sy,O=Syldavia Customs,C=SY").build();
        String admin = adminPassword();

        HttpResponse<String> anchor = post("admin/trust-anchors", "admin", admin,
                "{\"name\":\"System Test CA\",\"certificate\":\"" + json(ca.pem()) + "\"}");
        assertThat(anchor.statusCode()).as(anchor.body()).isEqualTo(201);
        assertThat(post("admin/member-states", "admin", admin, "{\"code\":\"sy\",\"name\":\"Syldavia\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> request = post("admin/gateways", "admin", admin, "{\"memberCode\":\"SY\","
                + "\"name\":\"customs-gw\",\"deliveryMode\":\"PULL\",\"permissions\":"
                + "[\"SEND:CERTIFICATE_OF_ORIGIN\",\"RECEIVE:BUSINESS_RESPONSE\"],\"certificate\":\""
                + json(gateway.pem()) + "\"}");
        assertThat(request.statusCode()).as(request.body()).isEqualTo(202);
        assertThat(request.body()).contains("\"status\":\"SUBMITTED\"").contains("GATEWAY_REGISTRATION");
        String requestId = field(request.body(), "id");
        assertThat(get(URI.create(base + "api/admin/gateways?member=SY"), "admin", admin).body())
                .as("nothing changes before approval").isEqualTo("[]");

        HttpResponse<String> approved = post("admin/requests/" + requestId + "/approve", "admin", admin,
                "{\"reason\":\"verified by phone\"}");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("\"status\":\"APPROVED\"").contains("\"decidedBy\":\"admin\"");
        String fingerprint = field(request.body(), "certificateFingerprint");
        assertThat(get(URI.create(base + "api/admin/directory"), "admin", admin).body())
                .contains("\"memberCode\":\"SY\"").contains("\"activeCertificate\":\"" + fingerprint + "\"");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT action, actor FROM audit_record WHERE actor_member IS NULL "
                        + "AND (sender_member = 'SY' OR object_type = 'TrustAnchor') ORDER BY seq")) {
            java.util.List<String> actions = new java.util.ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getString("actor")).isEqualTo("admin");
                actions.add(rs.getString("action"));
            }
            assertThat(actions).containsSubsequence("TRUST_ANCHOR_IMPORTED", "MEMBER_STATE_REGISTERED",
                    "REGISTRATION_REQUESTED", "GATEWAY_REGISTERED", "GATEWAY_CERTIFICATE_ACTIVATED",
                    "REGISTRATION_APPROVED");
        }
    }

    @Test
    void theAdminApiIsDescribedByAnOpenApiDocument() throws Exception {
        HttpResponse<String> openapi = get(URI.create(base.toString()).resolve("/openapi"));

        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("admin/member-states").contains("admin/requests/{id}/approve")
                .contains("admin/trust-anchors");
    }

    @Test
    void theAdminApiRefusesBadInputAndWrongRolesWithSpecificErrors(DataSource dataSource) throws Exception {
        insertUser(dataSource, "auditor-api", "auditor-password-1", "AUDITOR", null, null);
        TestPki.Issued stranger = TestPki.leaf(TestPki.ca("CN=Stranger CA"), "CN=stranger").build();
        String admin = adminPassword();
        post("admin/member-states", "admin", admin, "{\"code\":\"BT\",\"name\":\"Bordurie\"}");

        HttpResponse<String> untrusted = post("admin/gateways", "admin", admin, "{\"memberCode\":\"BT\","
                + "\"name\":\"gw\",\"deliveryMode\":\"PULL\",\"permissions\":[\"SEND:CERTIFICATE_OF_ORIGIN\"],"
                + "\"certificate\":\"" + json(stranger.pem()) + "\"}");
        assertThat(untrusted.statusCode()).isEqualTo(422);
        assertThat(untrusted.body()).contains("\"code\":\"CertificateNotTrusted\"");
        HttpResponse<String> unknown = post("admin/member-states/QQ/suspend", "admin", admin, "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("UnknownMemberState").contains("QQ");
        HttpResponse<String> malformed = post("admin/member-states", "admin", admin, "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("java.");
        HttpResponse<String> auditorWrites = post("admin/member-states", "auditor-api", "auditor-password-1",
                "{\"code\":\"ZZ\",\"name\":\"Nope\"}");
        assertThat(auditorWrites.statusCode()).isEqualTo(403);
        assertThat(get(URI.create(base + "api/admin/member-states"), "auditor-api", "auditor-password-1")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aGatewayRegistersItselfWithAnOnboardingCodeThenReadsTheSignedDirectoryOverSoap(DataSource dataSource)
            throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=Soap Test CA,O=Origin Hub");
        TestPki.Issued candidate = TestPki.leaf(ca, "CN=gw.ld,O=Lower Danube Customs").build();
        TestPki.Issued stranger = TestPki.leaf(ca, "CN=not-registered").build();
        String admin = adminPassword();
        assertThat(post("admin/trust-anchors", "admin", admin, "{\"name\":\"Soap Test CA\",\"certificate\":\""
                + json(ca.pem()) + "\"}").statusCode()).isEqualTo(201);
        post("admin/member-states", "admin", admin, "{\"code\":\"LD\",\"name\":\"Lower Danube\"}");
        String code = field(post("admin/member-states/LD/onboarding-codes", "admin", admin, "{}").body(), "code");
        String der = Base64.getEncoder().encodeToString(candidate.der());

        HttpResponse<String> refused = soap("registry", SignedSoap.sign(registration("WRONG-CODE", der), candidate));
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("InvalidOnboardingCode").doesNotContain("Exception");

        HttpResponse<String> receipt = soap("registry", SignedSoap.sign(registration(code, der), candidate));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.body()).contains("<Status>SUBMITTED</Status>").contains("wsse:Security");
        String requestId = between(receipt.body(), "<RequestId>", "</RequestId>");

        HttpResponse<String> beforeApproval = soap("registry", SignedSoap.sign(
                "<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", candidate));
        assertThat(beforeApproval.body()).as("not a gateway until approved").contains("UnknownSender");

        assertThat(post("admin/requests/" + requestId + "/approve", "admin", admin, "{}").statusCode())
                .isEqualTo(200);
        String checkpoint = field(post("audit/checkpoints", "admin", admin, "").body(), "seq");
        HttpResponse<String> directory = soap("registry", SignedSoap.sign(
                "<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", candidate));

        assertThat(directory.statusCode()).as(directory.body()).isEqualTo(200);
        byte[] document = Base64.getDecoder().decode(between(directory.body(), "<Document>", "</Document>"));
        byte[] signatureValue = Base64.getDecoder().decode(between(directory.body(), "<Signature>", "</Signature>"));
        java.security.cert.X509Certificate hub = (java.security.cert.X509Certificate) java.security.cert
                .CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(
                        Base64.getDecoder().decode(between(directory.body(), "<HubCertificate>",
                                "</HubCertificate>"))));
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(hub.getPublicKey());
        verifier.update(document);
        assertThat(verifier.verify(signatureValue)).as("the cached directory verifies with the hub certificate")
                .isTrue();
        String xml = new String(document, StandardCharsets.UTF_8);
        assertThat(xml).contains("urn:originhub:directory:v1").contains("memberState=\"LD\"")
                .contains("activeCertificate=\"" + org.originhub.registry.certificates.entity.CertificateFingerprint
                        .of(candidate.der()).hex() + "\"");
        String serial = between(directory.body(), "<Serial>", "</Serial>");
        assertThat(soap("registry", SignedSoap.sign("<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\">"
                + "<r:KnownSerial>" + serial + "</r:KnownSerial></r:GetDirectoryRequest>", candidate)).body())
                .contains("<NotModified>true</NotModified>").doesNotContain("<Document>");
        // The latest audit checkpoint is published in the signed directory; a gateway that names the checkpoint it
        // holds gets the document again as soon as there is a newer one, even if the registry did not change.
        assertThat(xml).contains("<AuditCheckpoint seq=\"" + checkpoint + "\"");
        String known = "<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"><r:KnownSerial>" + serial
                + "</r:KnownSerial><r:KnownCheckpoint>" + checkpoint + "</r:KnownCheckpoint></r:GetDirectoryRequest>";
        assertThat(soap("registry", SignedSoap.sign(known, candidate)).body())
                .contains("<NotModified>true</NotModified>");
        String newer = field(post("audit/checkpoints", "admin", admin, "").body(), "seq");
        HttpResponse<String> refreshed = soap("registry", SignedSoap.sign(known, candidate));
        assertThat(refreshed.body()).contains("<NotModified>false</NotModified>");
        assertThat(new String(Base64.getDecoder().decode(between(refreshed.body(), "<Document>", "</Document>")),
                StandardCharsets.UTF_8)).contains("<AuditCheckpoint seq=\"" + newer + "\"");

        HttpResponse<String> profile = soap("registry", SignedSoap.sign(
                "<r:GetMyProfileRequest xmlns:r=\"urn:originhub:registry:v1\"/>", candidate));
        assertThat(profile.body()).contains("<MemberState>LD</MemberState>").contains("<GatewayName>ld-gw</GatewayName>");
        HttpResponse<String> rotation = soap("registry", SignedSoap.sign("<r:RequestCertificateRotationRequest "
                + "xmlns:r=\"urn:originhub:registry:v1\"><r:Certificate>" + Base64.getEncoder().encodeToString(
                        TestPki.leaf(ca, "CN=gw2.ld").build().der()) + "</r:Certificate>"
                + "</r:RequestCertificateRotationRequest>", candidate));
        assertThat(rotation.body()).contains("<Status>SUBMITTED</Status>");

        String authority = field(post("admin/authorities", "admin", admin,
                "{\"memberCode\":\"LD\",\"name\":\"LD Chamber of Commerce\"}").body(), "id");
        TestPki.Issued official = TestPki.leaf(ca, "CN=Official LD").build();
        HttpResponse<String> signer = post("admin/authorities/" + authority + "/signers", "admin", admin,
                "{\"name\":\"A. Official\",\"certificate\":\"" + json(official.pem()) + "\"}");
        assertThat(signer.statusCode()).as(signer.body()).isEqualTo(201);
        String officialDer = Base64.getEncoder().encodeToString(official.der());
        HttpResponse<String> yes = soap("registry", SignedSoap.sign("<r:CheckSignerRequest "
                + "xmlns:r=\"urn:originhub:registry:v1\"><r:Certificate>" + officialDer + "</r:Certificate>"
                + "<r:MemberState>LD</r:MemberState></r:CheckSignerRequest>", candidate));
        assertThat(yes.body()).as(yes.body()).contains("<Authorised>true</Authorised>")
                .contains("LD Chamber of Commerce");
        HttpResponse<String> no = soap("registry", SignedSoap.sign("<r:CheckSignerRequest "
                + "xmlns:r=\"urn:originhub:registry:v1\"><r:Certificate>" + officialDer + "</r:Certificate>"
                + "<r:MemberState>SY</r:MemberState></r:CheckSignerRequest>", candidate));
        assertThat(no.body()).contains("<Authorised>false</Authorised>").contains("not SY");

        HttpResponse<String> unknown = soap("registry", SignedSoap.sign(
                "<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", stranger));
        assertThat(unknown.body()).contains("UnknownSender");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT action, outcome, actor_kind FROM audit_record "
                        + "WHERE sender_member = 'LD' AND action = 'REGISTRATION_REQUEST_REFUSED'")) {
            assertThat(rs.next()).as("the refused self-registration is audited").isTrue();
            assertThat(rs.getString("outcome")).isEqualTo("REJECTED");
            assertThat(rs.getString("actor_kind")).isEqualTo("GATEWAY");
        }
    }

    /**
     * Issue 4's end-to-end exchange: Kenya's gateway pulls, Uganda's is pushed to (a real endpoint on loopback, the
     * gateway kit's simulator, which verifies the hub's signature and signs its acknowledgements). A CO, its
     * replacement, a cancellation, a business response and a verification request and response travel through the
     * hub, with tracking and the CO lifecycle checked at each step, and refusals audited.
     */
    @Test
    void twoGatewaysOnePushOnePullExchangeACoThroughItsWholeLife(DataSource dataSource, @TempDir Path keys)
            throws Exception {
        String admin = adminPassword();
        TestPki.Issued ca = TestPki.ca("CN=Exchange Test CA,O=Origin Hub");
        TestPki.Issued kenya = TestPki.leaf(ca, "CN=gw.ke,O=Kenya Revenue Authority,C=KE").build();
        TestPki.Issued uganda = TestPki.leaf(ca, "CN=gw.ug,O=Uganda Revenue Authority,C=UG").build();
        assertThat(post("admin/trust-anchors", "admin", admin, "{\"name\":\"Exchange Test CA\",\"certificate\":\""
                + json(ca.pem()) + "\"}").statusCode()).isEqualTo(201);
        for (String member : new String[] {"{\"code\":\"KE\",\"name\":\"Kenya\"}", "{\"code\":\"UG\",\"name\":\"Uganda\"}"}) {
            assertThat(post("admin/member-states", "admin", admin, member).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> agreement = post("admin/agreements", "admin", admin, "{\"code\":\"EAC-CU\","
                + "\"name\":\"EAC Customs Union\",\"inForceFrom\":\"2020-01-01\",\"parties\":[\"KE\",\"UG\"]}");
        assertThat(agreement.statusCode()).as(agreement.body()).isEqualTo(201);
        registerGateway(admin, "KE", "ke-gw", "PULL", null, kenya);
        char[] password = "gateway-password".toCharArray();
        GatewayKeystore kenyaKeys = keystore(keys.resolve("ke.p12"), kenya, password);
        GatewayKeystore ugandaKeys = keystore(keys.resolve("ug.p12"), uganda, password);
        X509Certificate hubCertificate = hubCertificate(kenya);

        try (GatewaySimulator ugGateway = GatewaySimulator.builder(ugandaKeys, PinnedCertificates.of(hubCertificate))
                .host("127.0.0.1").port(0).path("/gateway/ug").start()) {
            registerGateway(admin, "UG", "ug-gw", "PUSH", ugGateway.url(), uganda);
            try (HubClient ke = client(kenyaKeys, hubCertificate); HubClient ug = client(ugandaKeys, hubCertificate)) {
                // A CO from Kenya is pushed to Uganda's endpoint, which acknowledges it.
                Receipt co = ke.submit(document("KE", "UG", DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW,
                        "KE-2026-0001", "ke-msg-1", null, SampleDocuments.certificate("KE", "KE-2026-0001", "EAC-CU")));
                assertThat(co.trackingNumber()).startsWith("OH-");
                assertThat(ke.submit(document("KE", "UG", DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW,
                        "KE-2026-0001", "ke-msg-1", null, SampleDocuments.certificate("KE", "KE-2026-0001",
                        "EAC-CU"))).trackingNumber()).as("a resend gets the first receipt").isEqualTo(co.trackingNumber());
                ReceivedDocument pushed = ugGateway.awaitDocuments(1, Duration.ofSeconds(60)).get(0);
                assertThat(pushed.trackingNumber()).isEqualTo(co.trackingNumber());
                assertThat(pushed.payload()).isEqualTo(SampleDocuments.certificate("KE", "KE-2026-0001", "EAC-CU"));
                assertThat(pushed.payloadIntact()).isTrue();
                awaitDelivery(ke, co.trackingNumber(), DeliveryStatus.DELIVERED);
                assertThat(ke.documentStatus("KE", "KE-2026-0001").status()).isEqualTo(DocumentStatus.ISSUED);
                assertThat(ug.documentStatus("KE", "KE-2026-0001").status()).isEqualTo(DocumentStatus.ISSUED);

                // Its replacement, then the cancellation of the replacement, arrive in order.
                Receipt replacement = ke.submit(document("KE", "UG", DocumentType.CERTIFICATE_OF_ORIGIN,
                        DocumentFunction.REPLACE, "KE-2026-0002", "ke-msg-2", "KE-2026-0001",
                        SampleDocuments.replacement("KE", "KE-2026-0002", "KE-2026-0001", "EAC-CU")));
                Receipt cancellation = ke.submit(document("KE", "UG", DocumentType.CERTIFICATE_OF_ORIGIN,
                        DocumentFunction.CANCEL, "KE-2026-0002", "ke-msg-3", "KE-2026-0002",
                        SampleDocuments.cancellation("KE", "KE-2026-0002")));
                List<ReceivedDocument> arrived = ugGateway.awaitDocuments(3, Duration.ofSeconds(60));
                assertThat(arrived).extracting(ReceivedDocument::trackingNumber).containsExactly(co.trackingNumber(),
                        replacement.trackingNumber(), cancellation.trackingNumber());
                awaitDelivery(ke, cancellation.trackingNumber(), DeliveryStatus.DELIVERED);
                assertThat(ke.documentStatus("KE", "KE-2026-0001").status()).isEqualTo(DocumentStatus.REPLACED);
                DocumentStatusReport cancelled = ug.documentStatus("KE", "KE-2026-0002");
                assertThat(cancelled.status()).isEqualTo(DocumentStatus.CANCELLED);
                assertThat(cancelled.history()).extracting(StatusChange::status)
                        .containsExactly(DocumentStatus.ISSUED, DocumentStatus.CANCELLED);

                // A second CO; Uganda accepts it and asks for its verification; Kenya pulls both and acknowledges.
                ke.submit(document("KE", "UG", DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW,
                        "KE-2026-0003", "ke-msg-4", null, SampleDocuments.certificate("KE", "KE-2026-0003", "EAC-CU")));
                ugGateway.awaitDocuments(4, Duration.ofSeconds(60));
                Receipt accepted = ug.submit(SampleSubmissions.document("UG", "KE", "EAC-CU",
                        DocumentType.BUSINESS_RESPONSE, DocumentFunction.NEW, "KE-2026-0003", "ug-msg-1",
                        SampleDocuments.businessResponse("ACCEPTED", "KE-2026-0003", "KE", "UG"))
                        .businessResponseKind(BusinessResponseKind.ACCEPTED).build());
                assertThat(ke.documentStatus("KE", "KE-2026-0003").status()).as("the status changes when the hub "
                        + "accepts the document, before its delivery").isEqualTo(DocumentStatus.ACCEPTED);
                Receipt question = ug.submit(SampleSubmissions.document("UG", "KE", "EAC-CU",
                        DocumentType.VERIFICATION_REQUEST, DocumentFunction.NEW, "KE-2026-0003", "ug-msg-2",
                        SampleDocuments.verificationRequest("VR-UG-1", "KE-2026-0003", "KE", "UG")).build());
                assertThat(ke.inbox(10).items()).extracting(InboxItem::trackingNumber)
                        .containsExactly(accepted.trackingNumber());
                Pull firstPull = ke.pull(10);
                assertThat(firstPull.documents()).extracting(ReceivedDocument::trackingNumber)
                        .containsExactly(accepted.trackingNumber());
                assertThat(firstPull.documents().get(0).payloadIntact()).isTrue();
                assertThat(ke.acknowledge(accepted.trackingNumber(), AcknowledgementKind.OK, null))
                        .isEqualTo(DeliveryStatus.DELIVERED);
                Pull secondPull = ke.pull(10);
                assertThat(secondPull.documents()).extracting(ReceivedDocument::trackingNumber)
                        .containsExactly(question.trackingNumber());
                assertThat(ke.acknowledge(question.trackingNumber(), AcknowledgementKind.OK_WITH_WARNINGS,
                        "question forwarded to the origin unit")).isEqualTo(DeliveryStatus.DELIVERED_WITH_WARNINGS);
                assertThat(ug.track(question.trackingNumber()).get(0).acknowledgementText())
                        .isEqualTo("question forwarded to the origin unit");
                assertThat(ke.documentStatus("KE", "KE-2026-0003").status())
                        .isEqualTo(DocumentStatus.VERIFICATION_REQUESTED);

                // Kenya confirms the origin; the answer is pushed to Uganda.
                Receipt answer = ke.submit(SampleSubmissions.document("KE", "UG", "EAC-CU",
                        DocumentType.VERIFICATION_RESPONSE, DocumentFunction.NEW, "KE-2026-0003", "ke-msg-5",
                        SampleDocuments.verificationResponse("VR-UG-1", "KE-2026-0003", "KE", "CONFIRMED"))
                        .verificationResult(VerificationResult.CONFIRMED).build());
                assertThat(ugGateway.awaitDocuments(5, Duration.ofSeconds(60)).get(4).trackingNumber())
                        .isEqualTo(answer.trackingNumber());
                awaitDelivery(ug, answer.trackingNumber(), DeliveryStatus.DELIVERED);
                DocumentStatusReport confirmed = ug.documentStatus("KE", "KE-2026-0003");
                assertThat(confirmed.status()).isEqualTo(DocumentStatus.CONFIRMED);
                assertThat(confirmed.history()).extracting(StatusChange::status).containsExactly(DocumentStatus.ISSUED,
                        DocumentStatus.ACCEPTED, DocumentStatus.VERIFICATION_REQUESTED, DocumentStatus.CONFIRMED);

                // Uganda's gateway is down for a while: the hub retries (HUB_DELIVERY_RETRY_FIRST=PT2S here) and the
                // document arrives once it is back, once.
                ugGateway.failNext(2);
                Receipt retried = ke.submit(document("KE", "UG", DocumentType.CERTIFICATE_OF_ORIGIN,
                        DocumentFunction.NEW, "KE-2026-0004", "ke-msg-7", null,
                        SampleDocuments.certificate("KE", "KE-2026-0004", "EAC-CU")));
                assertThat(ugGateway.awaitDocuments(6, Duration.ofSeconds(60)).get(5).trackingNumber())
                        .isEqualTo(retried.trackingNumber());
                awaitDelivery(ke, retried.trackingNumber(), DeliveryStatus.DELIVERED);
                assertThat(ugGateway.unavailableAnswers()).isEqualTo(2);
                assertThat(ugGateway.deliveries(retried.trackingNumber())).as("two refused, one taken").isEqualTo(3);
                assertThat(ugGateway.documents()).filteredOn(d -> d.trackingNumber().equals(retried.trackingNumber()))
                        .as("stored once").hasSize(1);
                assertThat(ke.track(retried.trackingNumber()).get(0).deliveryAttempts()).isEqualTo(3);

                // Refusals carry their contract code and are audited; nothing is stored for them.
                assertThatThrownBy(() -> ke.submit(document("UG", "KE", DocumentType.CERTIFICATE_OF_ORIGIN,
                        DocumentFunction.NEW, "UG-1", "ke-msg-spoof", null,
                        SampleDocuments.certificate("UG", "UG-1", "EAC-CU"))))
                        .isInstanceOfSatisfying(HubFaultException.class,
                                f -> assertThat(f.code()).isEqualTo("SenderMismatch"));
                assertThatThrownBy(() -> ke.submit(document("KE", "UG", DocumentType.CERTIFICATE_OF_ORIGIN,
                        DocumentFunction.NEW, "KE-2026-0001", "ke-msg-6", null,
                        SampleDocuments.certificate("KE", "KE-2026-0001", "EAC-CU"))))
                        .isInstanceOfSatisfying(HubFaultException.class,
                                f -> assertThat(f.code()).isEqualTo("Duplicate"));
                assertThat(ugGateway.deliveries(co.trackingNumber())).as("delivered once").isEqualTo(1);

                auditorsReadTheMessageLogAndALegalHoldOutlivesAPurge(dataSource, co, cancellation);
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM exchange_message WHERE sender_member IN "
                    + "('KE', 'UG')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("eight documents stored, refusals and the resend not").isEqualTo(8);
            }
            try (ResultSet rs = s.executeQuery("SELECT action, outcome, detail FROM audit_record WHERE "
                    + "sender_member IN ('KE', 'UG') AND action = 'DOCUMENT_REJECTED' ORDER BY seq")) {
                java.util.List<String> details = new java.util.ArrayList<>();
                while (rs.next()) {
                    details.add(rs.getString("detail"));
                }
                assertThat(details).anySatisfy(d -> assertThat(d).contains("SenderMismatch"))
                        .anySatisfy(d -> assertThat(d).contains("Duplicate"));
            }
        }
    }

    /**
     * The auditors' view of the scenario above over REST: the message log of KE and UG, a payload download (with
     * its SHA-256), a member auditor of a third member state refused, and the retention purge (HUB_PAYLOAD_RETENTION
     * is PT1S here) run through the API: the held CO survives it, the cancellation's payload is gone, with a 410 that
     * says so.
     */
    private void auditorsReadTheMessageLogAndALegalHoldOutlivesAPurge(DataSource dataSource, Receipt co,
            Receipt cancellation) throws Exception {
        insertUser(dataSource, "it-msg-auditor", "message auditor password", "AUDITOR", null, null);
        insertUser(dataSource, "it-msg-zm", "zambia auditor password", "MEMBER_AUDITOR", "ZM", null);
        insertUser(dataSource, "it-msg-ug", "uganda auditor password", "MEMBER_AUDITOR", "UG", null);
        String admin = adminPassword();

        HttpResponse<String> log = get(URI.create(base + "api/audit/messages?member=KE&counterpart=UG&limit=500"),
                "it-msg-auditor", "message auditor password");
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat(Pattern.compile("\"trackingNumber\":").matcher(log.body()).results().count())
                .as("the eight documents of the scenario").isEqualTo(8);
        assertThat(log.body()).contains(co.trackingNumber()).contains(cancellation.trackingNumber())
                .contains("\"deliveryStatus\":\"DELIVERED_WITH_WARNINGS\"");
        HttpResponse<byte[]> payload = download(co.trackingNumber(), "it-msg-auditor", "message auditor password");
        assertThat(payload.statusCode()).isEqualTo(200);
        assertThat(payload.body()).isEqualTo(SampleDocuments.certificate("KE", "KE-2026-0001", "EAC-CU"));
        assertThat(payload.headers().firstValue("X-Payload-Sha256")).hasValue(co.payloadSha256());
        HttpResponse<String> detail = get(URI.create(base + "api/audit/messages/" + co.trackingNumber()),
                "it-msg-ug", "uganda auditor password");
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
        assertThat(detail.body()).contains("\"action\":\"DOCUMENT_RECEIVED\"").contains("\"outcome\":\"ACKNOWLEDGED\"");
        assertThat(download(co.trackingNumber(), "it-msg-zm", "zambia auditor password").statusCode())
                .as("another member state's payload").isEqualTo(404);
        assertThat(get(URI.create(base + "api/audit/messages?member=KE"), "it-msg-zm", "zambia auditor password")
                .statusCode()).isEqualTo(403);
        // sender and recipient: one side each, so the two directions split the eight documents between them
        String kenyaSent = get(URI.create(base + "api/audit/messages?sender=KE&recipient=UG&limit=500"),
                "it-msg-auditor", "message auditor password").body();
        String ugandaSent = get(URI.create(base + "api/audit/messages?sender=UG&recipient=KE&limit=500"),
                "it-msg-auditor", "message auditor password").body();
        long sentByKenya = Pattern.compile("\"trackingNumber\":").matcher(kenyaSent).results().count();
        long sentByUganda = Pattern.compile("\"trackingNumber\":").matcher(ugandaSent).results().count();
        assertThat(sentByKenya).isPositive();
        assertThat(sentByKenya + sentByUganda).isEqualTo(8);
        assertThat(kenyaSent).contains("\"senderMember\":\"KE\"").doesNotContain("\"senderMember\":\"UG\"");
        assertThat(ugandaSent).doesNotContain("\"senderMember\":\"KE\"");
        assertThat(get(URI.create(base + "api/audit/messages?sender=KE&recipient=UG"), "it-msg-zm",
                "zambia auditor password").statusCode()).as("a pair of two other member states").isEqualTo(403);
        assertThat(get(URI.create(base + "api/audit/messages?sender=KE"), "it-msg-ug", "uganda auditor password")
                .body()).as("what Kenya sent to Uganda only").contains(co.trackingNumber())
                .doesNotContain("\"recipientMember\":\"ZM\"");

        HttpResponse<String> hold = post("admin/legal-holds", "admin", admin, "{\"trackingNumber\":\""
                + co.trackingNumber() + "\",\"reason\":\"system test: keep the first CO\"}");
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
        assertThat(post("admin/retention/purge", "it-msg-auditor", "message auditor password", "").statusCode())
                .isEqualTo(403);
        HttpResponse<String> purge = post("admin/retention/purge", "admin", admin, "");
        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
        assertThat(Long.parseLong(field(purge.body(), "purged"))).isPositive();
        assertThat(Long.parseLong(field(purge.body(), "heldBack"))).isPositive();

        assertThat(download(co.trackingNumber(), "it-msg-auditor", "message auditor password").body())
                .as("held").isEqualTo(SampleDocuments.certificate("KE", "KE-2026-0001", "EAC-CU"));
        HttpResponse<byte[]> gone = download(cancellation.trackingNumber(), "it-msg-auditor",
                "message auditor password");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(new String(gone.body(), StandardCharsets.UTF_8)).contains("\"code\":\"PayloadPurged\"")
                .contains("retention policy").contains(cancellation.payloadSha256());
        HttpResponse<String> purged = get(URI.create(base + "api/audit/records?action=PAYLOAD_PURGED&trackingNumber="
                + cancellation.trackingNumber()), "it-msg-auditor", "message auditor password");
        assertThat(purged.body()).contains("\"senderMember\":\"KE\"").contains("retention=PT1S");
    }

    private HttpResponse<byte[]> download(String trackingNumber, String username, String password)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/audit/messages/" + trackingNumber
                + "/payload")).timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void registerGateway(String admin, String member, String name, String mode, String endpoint,
            TestPki.Issued certificate) throws Exception {
        String permissions = "[\"SEND:CERTIFICATE_OF_ORIGIN\",\"RECEIVE:CERTIFICATE_OF_ORIGIN\","
                + "\"SEND:BUSINESS_RESPONSE\",\"RECEIVE:BUSINESS_RESPONSE\",\"SEND:VERIFICATION_REQUEST\","
                + "\"RECEIVE:VERIFICATION_REQUEST\",\"SEND:VERIFICATION_RESPONSE\",\"RECEIVE:VERIFICATION_RESPONSE\"]";
        HttpResponse<String> request = post("admin/gateways", "admin", admin, "{\"memberCode\":\"" + member
                + "\",\"name\":\"" + name + "\",\"deliveryMode\":\"" + mode + "\","
                + (endpoint == null ? "" : "\"endpointUrl\":\"" + endpoint + "\",")
                + "\"permissions\":" + permissions + ",\"certificate\":\"" + json(certificate.pem()) + "\"}");
        assertThat(request.statusCode()).as(request.body()).isEqualTo(202);
        HttpResponse<String> approved = post("admin/requests/" + field(request.body(), "id") + "/approve", "admin",
                admin, "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    /** The hub certificate, from the signed directory (a test may take it on first use; a member pins it). */
    private X509Certificate hubCertificate(TestPki.Issued gateway) throws Exception {
        HttpResponse<String> directory = soap("registry", SignedSoap.sign(
                "<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", gateway));
        assertThat(directory.statusCode()).as(directory.body()).isEqualTo(200);
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(Base64.getDecoder().decode(between(directory.body(),
                        "<HubCertificate>", "</HubCertificate>"))));
    }

    private static GatewayKeystore keystore(Path file, TestPki.Issued issued, char[] password) throws Exception {
        java.nio.file.Files.write(file, issued.pkcs12("gateway", password));
        return GatewayKeystore.load(file, password, "gateway");
    }

    private HubClient client(GatewayKeystore keys, X509Certificate hubCertificate) {
        return HubClient.builder().hubUrl(base.toString()).keystore(keys)
                .trustedHub(PinnedCertificates.of(hubCertificate)).build();
    }

    private static Submission document(String from, String to, DocumentType type, DocumentFunction function,
            String coNumber, String messageId, String referencedCo, byte[] payload) {
        Submission.Builder builder = SampleSubmissions.document(from, to, "EAC-CU", type, function, coNumber,
                messageId, payload);
        if (referencedCo != null) {
            builder.reference(Reference.coNumber(referencedCo));
        }
        return builder.build();
    }

    private static void awaitDelivery(HubClient client, String trackingNumber, DeliveryStatus expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        DeliveryStatus status = null;
        while (Instant.now().isBefore(deadline)) {
            status = client.track(trackingNumber).get(0).deliveryStatus();
            if (status == expected) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(status).as("delivery status of " + trackingNumber).isEqualTo(expected);
    }

    private static String registration(String code, String certificateBase64) {
        return "<r:RequestGatewayRegistrationRequest xmlns:r=\"urn:originhub:registry:v1\">"
                + "<r:MemberState>LD</r:MemberState><r:OnboardingCode>" + code + "</r:OnboardingCode>"
                + "<r:GatewayName>ld-gw</r:GatewayName><r:DeliveryMode>PULL</r:DeliveryMode>"
                + "<r:Permission>SEND:CERTIFICATE_OF_ORIGIN</r:Permission>"
                + "<r:Certificate>" + certificateBase64 + "</r:Certificate></r:RequestGatewayRegistrationRequest>";
    }

    private HttpResponse<String> soap(String service, byte[] envelope) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "services/" + service))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start + " in " + text).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        return text.substring(from + start.length(), to);
    }

    private HttpResponse<String> post(String path, String username, String password, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An active hub user written straight into the database, as another node or an earlier session left it. */
    private static void insertUser(DataSource dataSource, String username, String password, String role,
            String memberCode, Instant lockedUntil) throws Exception {
        SystemTestData.insertUser(dataSource, username, password, role, memberCode, "ACTIVE", lockedUntil, false,
                "HubSystemIT");
    }

    private static HttpResponse<String> get(URI uri, String username, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
