package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.gatewaykit.client.HubClient;
import org.originhub.gatewaykit.client.Receipt;
import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.samples.SampleDocuments;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.hub.users.control.PasswordHashing;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.TestPki;
import org.originhub.web.console.ConsoleView;

/**
 * The secretariat console in a real browser (Debian's Chromium, headless, through ChromeDriver) against the real WAR
 * on Payara Micro and a real MariaDB, one server boot for all of it. Browser-level facts (redirects, 403s, headers)
 * are checked with an HTTP client that carries the browser's session cookie.
 *
 * <p>Without Chromium the class is skipped with a message, except under CI ({@code CI=true}), where it fails:
 * {@code ./hub test} installs the browser first ({@code .ci/install-browser}). Screenshots of the main pages go to
 * {@code target/screenshots/} (docs/console.md's come from there).
 */
@ExtendWith({ConsoleBrowserIT.BrowserInstalled.class, EmbeddedDatabaseExtension.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HUB_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("HUB_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    static final String HOSTILE = "<script>alert(1)</script> \"Quoted\" & 'single' <b>bold</b>";

    // HTTP/1.1 as gateways' SOAP stacks speak it: the JDK client's default h2c upgrade of a POST is not what this
    // class tests (docs/deployment.md, "The HTTP edge", notes the upgrade path)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Map<Role, String> USERS = new EnumMap<>(Map.of(Role.SECRETARIAT_ADMIN, "admin",
            Role.OPERATOR, "it-console-operator", Role.AUDITOR, "it-console-auditor", Role.MEMBER_AUDITOR,
            "it-console-ke-auditor"));
    private static final String PASSWORD = "console test password";

    private static ChromeDriver browser;
    private static Path downloads;
    private static Path profile;
    private static boolean usersCreated;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive hub() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("hub.war")));
    }

    /** Skips the class before the server boots when no browser is installed; under CI a missing browser fails. */
    static final class BrowserInstalled implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
                return ConditionEvaluationResult.enabled("Chromium and ChromeDriver found");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: the browser tests must run, so they will fail");
            }
            return ConditionEvaluationResult.disabled("Console browser tests skipped: no Chromium at " + CHROMIUM
                    + " or no ChromeDriver at " + CHROMEDRIVER + " (run .ci/install-browser as root, or apt-get "
                    + "install chromium chromium-driver; set HUB_CHROMIUM / HUB_CHROMEDRIVER for other paths)");
        }
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        for (Path folder : new Path[] {downloads, profile}) {
            if (folder != null) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedAndTheRightOneOpensTheDashboard(DataSource dataSource) throws Exception {
        signOutEverywhere();
        open("/console/");
        assertThat(browser().getCurrentUrl()).endsWith("/console/login.xhtml");

        signIn("admin", "not the admin password");
        assertThat(browser().getCurrentUrl()).contains("/console/login.xhtml");
        assertThat(messages()).contains("Invalid username or password");

        signIn("admin", adminPassword());
        assertThat(title()).isEqualTo("Dashboard");
        assertThat(text(By.id("signed-in-as"))).contains("admin").contains("SECRETARIAT_ADMIN");
        // The test classes share one database: another class may have verified the chain already.
        String lastVerifier = lastAuditVerifier(dataSource);
        if (lastVerifier == null) {
            assertThat(text(By.id("figure-audit"))).contains("not been verified yet");
        } else {
            assertThat(text(By.id("figure-audit"))).contains("verified").contains("by " + lastVerifier);
        }
        // The hub's timer may take a checkpoint while the page is read: either the one before or the one after.
        Long checkpointBefore = lastCheckpointSeq(dataSource);
        open(ConsoleView.DASHBOARD.path());
        Long checkpointAfter = lastCheckpointSeq(dataSource);
        assertThat(text(By.id("last-checkpoint"))).satisfiesAnyOf(
                shown -> assertThat(shown).contains(checkpointBefore == null ? "no signed checkpoint yet"
                        : "last signed checkpoint at record " + checkpointBefore + ","),
                shown -> assertThat(shown).contains("last signed checkpoint at record " + checkpointAfter + ","));
    }

    @Test
    @Order(2)
    void everyConsoleResponseCarriesTheSecurityHeadersAndPagesRunNoScriptWithoutTheirNonce() throws Exception {
        HttpResponse<String> login = get("/console/login.xhtml", null);

        assertThat(login.statusCode()).as(root() + " " + login.body()).isEqualTo(200);
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(login.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'self'")
                .containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'").doesNotContain("unsafe-eval")
                .doesNotContainPattern("script-src[^;]*unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
        String nonce = between(csp, "'nonce-", "'");
        assertThat(login.body()).contains("nonce=\"" + nonce + "\"").doesNotContain("onclick=");
        Matcher stylesheet = Pattern.compile("href=\"([^\"]*/jakarta\\.faces\\.resource/[^\"]+)\"")
                .matcher(login.body());
        assertThat(stylesheet.find()).isTrue();
        HttpResponse<String> resource = HTTP.send(HttpRequest.newBuilder(URI.create(root())
                .resolve(stylesheet.group(1).replace("&amp;", "&"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resource.statusCode()).isEqualTo(200);
        assertThat(resource.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        signIn("admin", adminPassword());
        for (ConsoleView view : ConsoleView.values()) {
            if (view.admits(Role.SECRETARIAT_ADMIN) && !view.isPublic()) {
                open(view.path());
            }
        }
        List<String> violations = new ArrayList<>();
        for (LogEntry entry : browser().manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue() && !entry.getMessage().contains("favicon")) {
                violations.add(entry.getMessage());
            }
        }
        assertThat(violations).as("errors in the browser console (CSP violations among them)").isEmpty();
    }

    @Test
    @Order(3)
    void eachRoleOpensExactlyThePagesOfTheAccessTableAndIsRefusedTheOthers(DataSource dataSource) throws Exception {
        createUsers(dataSource);
        for (ConsoleView view : ConsoleView.values()) {
            HttpResponse<String> anonymous = get(view.path(), null);
            if (view.isPublic()) {
                assertThat(anonymous.statusCode()).as(view + " anonymously").isEqualTo(200);
            } else {
                assertThat(anonymous.statusCode()).as(view + " anonymously").isEqualTo(302);
                assertThat(anonymous.headers().firstValue("Location")).as(view + " anonymously")
                        .hasValueSatisfying(location -> assertThat(location).endsWith("/console/login.xhtml"));
            }
        }
        assertThat(get("/console/no-such-page.xhtml", null).statusCode()).isEqualTo(404);
        assertThat(get("/WEB-INF/templates/console.xhtml", null).statusCode()).isEqualTo(404);

        for (Role role : Role.values()) {
            signIn(USERS.get(role), role == Role.SECRETARIAT_ADMIN ? adminPassword() : PASSWORD);
            String session = sessionCookie();
            assertThat(get("/console/no-such-page.xhtml", session).statusCode()).as(role + " unknown page")
                    .isEqualTo(404);
            List<String> menu = new ArrayList<>();
            for (WebElement link : browser().findElements(By.cssSelector("#menu a"))) {
                menu.add(link.getAttribute("id"));
            }
            List<String> expectedMenu = new ArrayList<>();
            for (ConsoleView view : ConsoleView.values()) {
                if (view.group() != null && view.admits(role)) {
                    expectedMenu.add("menu-" + view.name());
                }
            }
            assertThat(menu).as(role + " menu").containsExactlyElementsOf(expectedMenu);

            for (ConsoleView view : ConsoleView.values()) {
                if (view == ConsoleView.LOGIN) {
                    continue;
                }
                int status = get(view.path(), session).statusCode();
                open(view.path());
                if (view.admits(role)) {
                    assertThat(status).as(role + " opens " + view).isEqualTo(200);
                    assertThat(title()).as(role + " opens " + view).isEqualTo(view.title());
                } else {
                    assertThat(status).as(role + " is refused " + view).isEqualTo(403);
                    assertThat(title()).as(role + " is refused " + view).isEqualTo(ConsoleView.FORBIDDEN.title());
                    assertThat(browser().findElements(By.id("forbidden"))).isNotEmpty();
                }
            }
        }

        // What a role may not do is not offered, and the server refuses it anyway (ActionCheck, unit-tested).
        signIn(USERS.get(Role.AUDITOR), PASSWORD);
        open(ConsoleView.MEMBER_STATES.path());
        assertThat(browser().findElements(By.id("register-form"))).isEmpty();
        open(ConsoleView.CERTIFICATES.path());
        assertThat(browser().findElements(By.id("anchor-form"))).isEmpty();
        signIn(USERS.get(Role.OPERATOR), PASSWORD);
        open(ConsoleView.GATEWAYS.path());
        assertThat(browser().findElements(By.id("register-form"))).isNotEmpty();
        open(ConsoleView.CERTIFICATES.path());
        assertThat(browser().findElements(By.id("anchor-form"))).isEmpty();
    }

    @Test
    @Order(4)
    void aSecretariatRegistersAMemberStateAndAGatewayWithItsCertificateAndApprovesTheRequest() throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=Console Test CA,O=Origin Hub");
        TestPki.Issued gateway = TestPki.leaf(ca, "CN=gw.qa,O=Qualia Customs").build();
        Path caFile = Files.writeString(Files.createTempFile("console-ca", ".pem"), ca.pem());
        Path gatewayFile = Files.createTempFile("console-gw", ".der");
        Files.write(gatewayFile, gateway.der());
        signIn("admin", adminPassword());

        open(ConsoleView.CERTIFICATES.path());
        type(By.id("anchor-form:anchor-name"), "Console Test CA");
        browser().findElement(By.id("anchor-form:anchor-file")).sendKeys(caFile.toString());
        clickAndLoad(By.id("anchor-form:import-anchor"));
        assertThat(messages()).contains("Trust anchor Console Test CA imported");
        String anchorFingerprint = org.originhub.registry.certificates.entity.CertificateFingerprint.of(
                ca.certificate().getEncoded()).hex();
        assertThat(text(By.id("imported-fingerprint"))).isEqualTo(anchorFingerprint);

        open(ConsoleView.MEMBER_STATES.path());
        type(By.id("register-form:code"), "QA");
        type(By.id("register-form:name"), "Qualia");
        clickAjax(By.id("register-form:register"));
        assertThat(messages()).contains("Member state QA registered");
        assertThat(text(By.id("members-form:members"))).contains("Qualia");
        screenshot("member-states");

        open(ConsoleView.GATEWAYS.path());
        selectOne("register-form:member", "QA");
        type(By.id("register-form:name"), "qa-customs-gw");
        check("SEND:CERTIFICATE_OF_ORIGIN");
        check("RECEIVE:BUSINESS_RESPONSE");
        browser().findElement(By.id("register-form:certificate")).sendKeys(gatewayFile.toString());
        clickAndLoad(By.id("register-form:register"));
        String submitted = messages();
        assertThat(submitted).contains("submitted for gateway qa-customs-gw");
        String requestId = between(submitted, "Registration request ", " submitted");
        assertThat(text(By.id("gateways"))).doesNotContain("qa-customs-gw");
        screenshot("gateways");

        open(ConsoleView.REQUESTS.path());
        WebElement row = browser().findElement(By.xpath("//tbody/tr[td[1][normalize-space()='" + requestId + "']]"));
        row.findElement(By.xpath(".//input[contains(@id,':reason')]")).sendKeys("verified with Qualia customs");
        screenshot("requests");
        clickAjax(row.findElement(By.xpath(".//button[contains(@id,':approve')]")));
        assertThat(messages()).contains("Request " + requestId + " approved: gateway qa-customs-gw of QA");

        open(ConsoleView.GATEWAYS.path());
        assertThat(text(By.id("gateways"))).contains("qa-customs-gw").contains("ACTIVE");
        browser().findElement(By.linkText("qa-customs-gw")).click();
        waitForPage();
        assertThat(title()).isEqualTo("Gateway");
        assertThat(text(By.id("gateway-status"))).isEqualTo("ACTIVE");
        String fingerprint = org.originhub.registry.certificates.entity.CertificateFingerprint.of(gateway.der()).hex();
        assertThat(text(By.id("certificates-form:certificates"))).contains(fingerprint).contains("CN=gw.qa");
        assertThat(text(By.id("recent-deliveries"))).contains("No document to or from this member state yet.");

        type(By.id("status-form:reason"), "maintenance window");
        clickAndLoad(By.id("status-form:suspend"));
        assertThat(text(By.id("gateway-status"))).isEqualTo("SUSPENDED");
        clickAndLoad(By.id("status-form:reactivate"));
        assertThat(text(By.id("gateway-status"))).isEqualTo("ACTIVE");

        open(ConsoleView.CERTIFICATES.path());
        type(By.id("lookup-form:fingerprint"), fingerprint);
        clickAjax(By.id("lookup-form:look-up"));
        assertThat(text(By.id("found-status"))).isEqualTo("ACTIVE");
        screenshot("certificates");
    }

    @Test
    @Order(5)
    void aHostileMemberStateNameIsShownLiterallyAndNeverRuns() throws Exception {
        signIn("admin", adminPassword());
        open(ConsoleView.MEMBER_STATES.path());
        type(By.id("register-form:code"), "XS");
        type(By.id("register-form:name"), HOSTILE);
        clickAjax(By.id("register-form:register"));
        assertThat(messages()).contains("Member state XS registered");

        for (int pass = 0; pass < 2; pass++) { // after the Ajax update, and on a fresh GET
            WebElement row = browser().findElement(By.xpath("//tbody/tr[td[1][normalize-space()='XS']]"));
            assertThat(row.findElement(By.xpath("./td[2]")).getText()).isEqualTo(HOSTILE.replace("  ", " "));
            assertThat(row.findElements(By.tagName("script"))).isEmpty();
            assertThat(row.findElements(By.tagName("b"))).isEmpty();
            assertThatNoAlert();
            open(ConsoleView.MEMBER_STATES.path());
        }
        String source = get(ConsoleView.MEMBER_STATES.path(), sessionCookie()).body();
        assertThat(source).doesNotContain("<script>alert(1)</script>").doesNotContain("<b>bold</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    @Order(6)
    void theAuditLogPagesLazilyExportsADownloadThatVerifiesOfflineAndVerifiesTheChain() throws Exception {
        signIn("admin", adminPassword());
        open(ConsoleView.AUDIT.path());
        // The audit log is not counted (see AuditLogPage): the paginator offers a next page while more records follow.
        By next = By.cssSelector("#audit-form\\:records_paginator_top .ui-paginator-next");
        for (int searches = 0; isDisabled(next) && searches < 40; searches++) {
            open(ConsoleView.AUDIT.path()); // each query of the log is recorded: the log grows by one
        }
        assertThat(text(By.cssSelector("#audit-form\\:records .ui-paginator-current"))).isEqualTo("1–25");
        assertThat(isDisabled(next)).isFalse();
        By rows = By.cssSelector("#audit-form\\:records tbody");
        String firstPage = text(rows);
        clickAjax(next);
        assertThat(text(By.cssSelector("#audit-form\\:records .ui-paginator-current"))).startsWith("26–");
        assertThat(text(rows)).isNotEqualTo(firstPage);
        clickAjax(By.cssSelector("#audit-form\\:records_paginator_top .ui-paginator-prev"));
        assertThat(text(By.cssSelector("#audit-form\\:records .ui-paginator-current"))).isEqualTo("1–25");
        assertThat(text(rows)).as("the first page again: the newest records, the reads of the two pages first")
                .contains("AUDIT_QUERIED SUCCESS AuditLog all after=").contains(firstPage.lines().skip(3)
                        .findFirst().orElseThrow());

        type(By.id("audit-form:action"), "member_state_registered");
        clickAjax(By.id("audit-form:search"));
        String filtered = text(By.id("audit-form:records"));
        assertThat(filtered).contains("MEMBER_STATE_REGISTERED").doesNotContain("LOGIN_FAILED");
        // every registration of the shared test database fits on the first page: "1–N" with N below the page size
        assertThat(text(By.cssSelector("#audit-form\\:records .ui-paginator-current")))
                .matches("1–([1-9]|1\\d|2[0-4])");
        screenshot("audit");

        clear(By.id("audit-form:action"));
        clickAjax(By.id("audit-form:search"));
        browser().findElement(By.id("audit-form:export-jsonl")).click();
        Path export = downloaded(".jsonl");
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        // records, and the lines of the signed checkpoints the hub takes on its schedule (the verifier checks both)
        assertThat(lines).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("\\{\"(seq|checkpoint_seq)\":.*"));
        assertThat(lines.get(0)).startsWith("{\"seq\":1,");
        Process verifier = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                new File("src/audit/java/AuditVerify.java").getAbsolutePath(), export.toString())
                .redirectErrorStream(true).start();
        String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verifier.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(verifier.exitValue()).as(output).isZero();

        browser().findElement(By.id("audit-form:export-csv")).click();
        assertThat(Files.readString(downloaded(".csv"))).startsWith("seq,recorded_at,actor_kind,actor,");

        clickAjax(By.id("audit-form:verify"));
        assertThat(messages()).contains("The audit chain is intact");
        open(ConsoleView.DASHBOARD.path());
        assertThat(text(By.id("figure-audit"))).contains("intact").contains("by admin");
    }

    @Test
    @Order(7)
    void aMemberAuditorSeesOnlyItsOwnMemberStatesRecords() throws Exception {
        signIn("admin", adminPassword());
        open(ConsoleView.MEMBER_STATES.path());
        // MW: a member state no other test class of this JVM (and its shared database) registers
        type(By.id("register-form:code"), "MW");
        type(By.id("register-form:name"), "Malawi");
        clickAjax(By.id("register-form:register"));
        assertThat(messages()).contains("Member state MW registered");

        signIn(USERS.get(Role.MEMBER_AUDITOR), PASSWORD);
        assertThat(title()).as("a member auditor's home").isEqualTo(ConsoleView.AUDIT.title());
        assertThat(text(By.id("audit-form:member-fixed"))).contains("MW");
        String records = text(By.id("audit-form:records"));
        assertThat(records).contains("MEMBER_STATE_REGISTERED").contains("name=Malawi").doesNotContain("Qualia")
                .doesNotContain("LOGIN");
        assertThat(browser().findElements(By.id("audit-form:verify"))).isEmpty();
    }

    @Test
    @Order(8)
    void aForgedOrCrossOriginPostChangesNothing(DataSource dataSource) throws Exception {
        signIn("admin", adminPassword());
        open(ConsoleView.MEMBER_STATES.path());
        String session = sessionCookie();
        String form = "register-form=register-form&register-form%3Acode=ZF&register-form%3Aname=Forged"
                + "&register-form%3Aregister=register-form%3Aregister";

        HttpResponse<String> forged = post(ConsoleView.MEMBER_STATES.path(), session, null,
                form + "&jakarta.faces.ViewState=" + URLEncoder.encode("-123456789:987654321", StandardCharsets.UTF_8));
        String viewState = browser().findElement(By.name("jakarta.faces.ViewState")).getAttribute("value");
        HttpResponse<String> crossOrigin = post(ConsoleView.MEMBER_STATES.path(), session, "http://evil.example",
                form + "&jakarta.faces.ViewState=" + URLEncoder.encode(viewState, StandardCharsets.UTF_8));

        assertThat(crossOrigin.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isIn(200, 302);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM member_state WHERE code = 'ZF'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    @Order(9)
    void aNewUserMustChangeTheInitialPasswordBeforeAnythingElseAndALockedOneIsRefusedLikeAWrongPassword(
            DataSource dataSource)
            throws Exception {
        insertUser(dataSource, "it-console-newcomer", PASSWORD, "OPERATOR", null, true, null);
        signIn("it-console-newcomer", PASSWORD);
        assertThat(title()).isEqualTo(ConsoleView.ACCOUNT.title());
        assertThat(text(By.id("must-change"))).contains("Choose a new password");
        open(ConsoleView.DASHBOARD.path());
        assertThat(title()).as("every page waits for the new password").isEqualTo(ConsoleView.ACCOUNT.title());
        screenshot("password");
        type(By.id("password-form:current"), PASSWORD);
        type(By.id("password-form:replacement"), "the newcomer's own password");
        type(By.id("password-form:repeated"), "the newcomer's own password");
        clickAndLoad(By.id("password-form:change"));
        assertThat(title()).isEqualTo("Dashboard");
        assertThat(messages()).contains("Your password was changed");

        Instant lockedUntil = Instant.now().plus(Duration.ofHours(1));
        insertUser(dataSource, "it-console-locked", PASSWORD, "AUDITOR", null, false, lockedUntil);
        signIn("it-console-locked", PASSWORD);
        // The same answer as an unknown name, so that it does not tell which accounts exist (issue 13).
        assertThat(messages()).contains("Invalid username or password").doesNotContain("locked");
    }

    @Test
    @Order(10)
    void signingOutEndsTheSessionAndAnAdministratorManagesUsers() throws Exception {
        signIn("admin", adminPassword());
        open(ConsoleView.USERS.path());
        type(By.id("create-form:username"), "it-console-created");
        selectOne("create-form:role", "AUDITOR");
        type(By.id("create-form:initial-password"), "an initial password 1");
        clickAjax(By.id("create-form:create"));
        assertThat(messages()).contains("User it-console-created created");
        WebElement row = browser().findElement(By.xpath("//tbody/tr[td[1][normalize-space()='it-console-created']]"));
        clickAjax(row.findElement(By.xpath(".//button[contains(@id,':disable')]")));
        assertThat(messages()).contains("it-console-created is disabled");
        screenshot("users");
        open(ConsoleView.ALERTS.path());
        screenshot("alerts");

        String session = sessionCookie();
        clickAndLoad(By.id("session-form:sign-out"));
        assertThat(browser().getCurrentUrl()).contains("/console/login.xhtml");
        assertThat(text(By.id("signed-out"))).contains("You have signed out");
        screenshot("login");
        assertThat(get(ConsoleView.DASHBOARD.path(), session).statusCode()).as("the old session is gone")
                .isEqualTo(302);
        open(ConsoleView.DASHBOARD.path());
        assertThat(browser().getCurrentUrl()).contains("/console/login.xhtml");
    }

    @Test
    @Order(11)
    void aMessageIsFoundWithItsTimelineAndAHostileCoFieldIsShownEscapedInItsPayload(DataSource dataSource,
            @TempDir Path keys) throws Exception {
        createUsers(dataSource);
        Exchange exchange = exchange(keys);
        awaitAttempts(dataSource, exchange.hostile(), 1);

        signIn(USERS.get(Role.AUDITOR), PASSWORD);
        open(ConsoleView.MESSAGES.path());
        type(By.id("messages-form:tracking"), exchange.hostile());
        clickAjax(By.id("messages-form:search"));
        List<WebElement> rows = browser().findElements(By.cssSelector("#messages-form\\:messages-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("TZ → RW").contains("CERTIFICATE_OF_ORIGIN")
                .contains("TZ-MSG-0001").contains("PENDING_DELIVERY");
        type(By.id("messages-form:tracking"), "");
        selectOne("messages-form:status", "PENDING_DELIVERY");
        type(By.id("messages-form:sender"), "rw");
        clickAjax(By.id("messages-form:search"));
        assertThat(text(By.id("messages-form:messages-table"))).as("RW received it; it sent nothing")
                .contains("No message matches.");
        type(By.id("messages-form:sender"), "");
        type(By.id("messages-form:recipient"), "RW");
        clickAjax(By.id("messages-form:search"));
        assertThat(text(By.id("messages-form:messages-table"))).contains(exchange.hostile()).contains("TZ → RW");
        theMessagesTableFitsA1366By768Screen();
        screenshot("messages");
        WebElement link = browser().findElement(By.linkText(exchange.hostile()));
        link.click();
        waitForPage();
        assertThat(title()).isEqualTo(ConsoleView.MESSAGE.title());
        assertThat(text(By.id("message-tracking"))).isEqualTo(exchange.hostile());
        assertThat(text(By.id("message-corridor"))).contains("TZ → RW under EAC-MSG");
        assertThat(text(By.id("attempts"))).contains("PUSH").contains("FAILED");
        assertThat(text(By.id("audit-records"))).contains("DOCUMENT_RECEIVED").contains("DOCUMENT_STATUS_CHANGED")
                .contains("DELIVERY_ATTEMPTED");
        assertThat(browser().findElements(By.className("co-lifecycle"))).singleElement()
                .satisfies(co -> assertThat(co.getText()).contains("TZ TZ-MSG-0001").contains("ISSUED"));
        assertThat(browser().findElements(By.id("message-form:resend"))).as("auditors read only").isEmpty();

        clickAndLoad(By.id("message-form:show-payload"));
        // The payload is XML shown as text: its tags and its (XML-escaped) hostile exporter name appear as written.
        String payload = browser().findElement(By.id("payload")).getText();
        assertThat(payload).contains("<CertificateOfOrigin").contains("TZ-MSG-0001")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quoted&quot; &amp; 'single' &lt;b&gt;bold");
        assertThat(browser().findElements(By.cssSelector("#payload *"))).as("no markup from the payload").isEmpty();
        assertThat(browser().getPageSource()).doesNotContain("<script>alert(1)").doesNotContain("<CertificateOfOrigin");
        assertThatNoAlert();
        screenshot("message");

        clickAndLoad(By.linkText("TZ TZ-MSG-0001"));
        assertThat(title()).isEqualTo(ConsoleView.CO_LOOKUP.title());
        assertThat(text(By.id("co-status"))).isEqualTo("ISSUED");
        assertThat(text(By.id("co-messages"))).contains(exchange.hostile());

        // A member auditor of another member state is told the exchange is unknown, exactly as for one that is.
        signIn(USERS.get(Role.MEMBER_AUDITOR), PASSWORD);
        open(ConsoleView.MESSAGE.path() + "?tracking=" + exchange.hostile());
        assertThat(messages()).contains("knows no exchange with tracking number " + exchange.hostile());
        assertThat(browser().findElements(By.id("message-envelope"))).isEmpty();
    }

    @Test
    @Order(12)
    void anOperatorResendsAFailedDeliveryFromTheDashboardAndAnAdministratorFromTheMessagePage(DataSource dataSource,
            @TempDir Path keys) throws Exception {
        createUsers(dataSource);
        Exchange exchange = exchange(keys);
        // The test server gives up only after HUB_DELIVERY_GIVE_UP (24 h by default): the failure is set in the
        // database, after a real failed attempt, as the delivery queue would set it.
        markFailed(dataSource, exchange.hostile());
        markFailed(dataSource, exchange.plain());

        // An official of TZ whose certificate ends within 60 days is on the dashboard with the gateway certificates.
        TestPki.Issued signerCa = TestPki.ca("CN=Signer Test CA,O=Origin Hub");
        api("admin/trust-anchors", "{\"name\":\"Signer Test CA\",\"certificate\":\"" + json(signerCa.pem())
                + "\"}", 201);
        Matcher authority = Pattern.compile("\"id\":\"?([^\",}]+)").matcher(api("admin/authorities",
                "{\"memberCode\":\"TZ\",\"name\":\"TZ Chamber of Commerce\"}", 201));
        assertThat(authority.find()).isTrue();
        TestPki.Issued official = TestPki.leaf(signerCa, "CN=Amani Official,O=TZ Chamber of Commerce,C=TZ")
                .validity(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30))).build();
        api("admin/authorities/" + authority.group(1) + "/signers", "{\"name\":\"Amani Official\",\"certificate\":\""
                + json(official.pem()) + "\",\"agreements\":[]}", 201);

        signIn("admin", adminPassword());
        assertThat(text(By.id("failing-gateways"))).contains("rw-gw");
        assertThat(text(By.id("figure-expiring"))).contains("of authorised signers");
        assertThat(text(By.id("expiring-signers"))).contains("Amani Official").contains("TZ");
        tallScreenshot("dashboard");

        signIn(USERS.get(Role.OPERATOR), PASSWORD);
        assertThat(title()).isEqualTo("Dashboard");
        assertThat(Integer.parseInt(text(By.cssSelector("#figure-failed .figure")))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(text(By.cssSelector("#figure-failing-gateways .figure"))))
                .isGreaterThanOrEqualTo(1);
        WebElement failing = browser().findElement(By.xpath("//*[@id='failing-gateways']//tbody/tr[td[2]"
                + "[normalize-space()='rw-gw']]"));
        assertThat(failing.getText()).startsWith("RW").contains(" 2 ");
        String rwanda = failing.findElement(By.linkText("rw-gw")).getAttribute("href");
        assertThat(text(By.id("figure-messages-today"))).contains("messages today");
        assertThat(text(By.id("corridors"))).contains("TZ → RW");
        WebElement row = browser().findElement(By.xpath("//tbody/tr[td[2][normalize-space()='"
                + exchange.plain() + "']]"));
        assertThat(row.getText()).contains("TZ → RW").contains("CERTIFICATE_OF_ORIGIN");
        assertThat(row.findElements(By.tagName("a"))).as("operators do not open the message log").isEmpty();
        WebElement resend = row.findElement(By.xpath(".//button[contains(@id,':resend')]"));
        clickAndLoad(resend);
        assertThat(messages()).contains("Message " + exchange.plain() + " is PENDING_DELIVERY again");
        assertThat(status(dataSource, exchange.plain())).isEqualTo("PENDING_DELIVERY");
        assertThat(get(ConsoleView.MESSAGES.path(), sessionCookie()).statusCode()).isEqualTo(403);

        // The gateway's page lists the member state's recent deliveries: delivery state, no content, and for an
        // operator no way into the message log.
        browser().get(rwanda);
        waitForPage();
        assertThat(title()).isEqualTo("Gateway");
        assertThat(text(By.id("gateway-name"))).isEqualTo("rw-gw");
        String deliveries = text(By.id("recent-deliveries"));
        assertThat(deliveries).contains(exchange.hostile()).contains(exchange.plain()).contains("received from TZ")
                .contains("CERTIFICATE_OF_ORIGIN").contains("PENDING_DELIVERY");
        WebElement hostileRow = browser().findElement(By.xpath("//*[@id='recent-deliveries']//tbody/tr[td[2]"
                + "[normalize-space()='" + exchange.hostile() + "']]"));
        assertThat(hostileRow.findElement(By.xpath("td[5]")).getText()).isEqualTo("FAILED_DELIVERY");
        assertThat(hostileRow.findElement(By.xpath("td[7]")).getText()).as("the last attempt's outcome")
                .startsWith("FAILED at ");
        assertThat(browser().findElements(By.cssSelector("#recent-deliveries a"))).as("operators do not open "
                + "the message log").isEmpty();
        assertThat(browser().getPageSource()).as("no CO number, no payload").doesNotContain("TZ-MSG-000")
                .doesNotContain("alert(1)");

        signIn("admin", adminPassword());
        open(ConsoleView.MESSAGE.path() + "?tracking=" + exchange.hostile());
        assertThat(text(By.id("message-status"))).isEqualTo("FAILED_DELIVERY");
        clickAndLoad(By.id("message-form:resend"));
        assertThat(messages()).contains("Message " + exchange.hostile() + " is PENDING_DELIVERY again");
        assertThat(text(By.id("message-status"))).isEqualTo("PENDING_DELIVERY");
        assertThat(text(By.id("audit-records"))).contains("DELIVERY_RESENT");
        assertThat(browser().findElements(By.id("message-form:resend"))).isEmpty();
        open(ConsoleView.MESSAGE.path() + "?tracking=" + exchange.plain());
        assertThat(text(By.id("audit-records"))).contains("DELIVERY_RESENT").contains("it-console-operator");

        // An administrator opens the exchanges from the gateway's page.
        browser().get(rwanda);
        waitForPage();
        assertThat(text(By.id("recent-deliveries"))).contains(exchange.hostile()).contains(exchange.plain());
        tallScreenshot("gateway");
        clickAndLoad(By.linkText(exchange.plain()));
        assertThat(title()).isEqualTo(ConsoleView.MESSAGE.title());
        assertThat(text(By.id("message-tracking"))).isEqualTo(exchange.plain());
    }

    /**
     * At 1366x768 the messages table fits the page (no horizontal scrolling, its default columns side by side on
     * screen), and the column toggler brings back the columns left out by default.
     */
    private void theMessagesTableFitsA1366By768Screen() throws IOException {
        browser().manage().window().setSize(new Dimension(1366, 768));
        try {
            assertThat((Long) browser().executeScript("return window.innerWidth;")).isEqualTo(1366L);
            assertThat((Long) browser().executeScript("return document.documentElement.scrollWidth;"))
                    .isLessThanOrEqualTo(1366L);
            WebElement table = browser().findElement(By.cssSelector("#messages-form\\:messages-table table"));
            WebElement main = browser().findElement(By.tagName("main"));
            assertThat(table.getRect().getX() + table.getRect().getWidth()).isLessThanOrEqualTo(
                    main.getRect().getX() + main.getRect().getWidth());
            List<String> headers = browser().findElements(By.cssSelector(
                    "#messages-form\\:messages-table thead th")).stream().filter(WebElement::isDisplayed)
                    .map(WebElement::getText).map(String::strip).toList();
            assertThat(headers).containsExactly("Received (UTC)", "Tracking number", "Corridor", "Document", "CO",
                    "Delivery");
            WebElement row = browser().findElement(By.cssSelector("#messages-form\\:messages-table tbody tr"));
            assertThat(row.getRect().getHeight()).as("a row reads as a line or two, not a column of words")
                    .isLessThan(80);
            screenshot("messages-1366x768");

            browser().findElement(By.id("messages-form:messages-table:columns")).click();
            WebElement agreement = new WebDriverWait(browser(), Duration.ofSeconds(10)).until(driver -> driver
                    .findElements(By.xpath("//div[contains(@class,'ui-columntoggler')]//li[.//label[normalize-space()"
                            + "='Agreement']]")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
            agreement.click();
            new WebDriverWait(browser(), Duration.ofSeconds(10)).until(driver -> driver.findElements(
                    By.cssSelector("#messages-form\\:messages-table thead th")).stream()
                    .anyMatch(th -> th.isDisplayed() && th.getText().strip().equals("Agreement")));
            assertThat(text(By.cssSelector("#messages-form\\:messages-table tbody"))).contains("EAC-MSG");
            browser().findElement(By.id("messages-form:messages-table:columns")).click(); // closes the list
        } finally {
            browser().manage().window().setSize(new Dimension(1366, 900));
        }
    }

    // --- messages: two member states whose exchange cannot be delivered (nothing listens at the PUSH endpoint)

    record Exchange(String hostile, byte[] hostilePayload, String plain) {
    }

    private static Exchange exchange;

    private Exchange exchange(Path keys) throws Exception {
        if (exchange != null) {
            return exchange;
        }
        String admin = adminPassword();
        TestPki.Issued ca = TestPki.ca("CN=Message Test CA,O=Origin Hub");
        TestPki.Issued tanzania = TestPki.leaf(ca, "CN=gw.tz,O=Tanzania Revenue Authority,C=TZ").build();
        TestPki.Issued rwanda = TestPki.leaf(ca, "CN=gw.rw,O=Rwanda Revenue Authority,C=RW").build();
        api("admin/trust-anchors", "{\"name\":\"Message Test CA\",\"certificate\":\"" + json(ca.pem()) + "\"}", 201);
        api("admin/member-states", "{\"code\":\"TZ\",\"name\":\"Tanzania\"}", 201);
        api("admin/member-states", "{\"code\":\"RW\",\"name\":\"Rwanda\"}", 201);
        api("admin/agreements", "{\"code\":\"EAC-MSG\",\"name\":\"Message test agreement\",\"inForceFrom\":"
                + "\"2020-01-01\",\"parties\":[\"TZ\",\"RW\"]}", 201);
        registerGateway("TZ", "tz-gw", "PULL", null, tanzania);
        registerGateway("RW", "rw-gw", "PUSH", "http://127.0.0.1:9/gateway/rw", rwanda);
        char[] password = "gateway-password".toCharArray();
        Files.write(keys.resolve("tz.p12"), tanzania.pkcs12("gateway", password));
        GatewayKeystore tzKeys = GatewayKeystore.load(keys.resolve("tz.p12"), password, "gateway");
        HttpResponse<String> directory = soap(SignedSoap.sign(
                "<r:GetDirectoryRequest xmlns:r=\"urn:originhub:registry:v1\"/>", tanzania));
        assertThat(directory.statusCode()).as(directory.body()).isEqualTo(200);
        X509Certificate hub = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(between(directory.body(), "<HubCertificate>",
                        "</HubCertificate>"))));
        byte[] hostilePayload = SampleDocuments.certificate("TZ", "TZ-MSG-0001", "EAC-MSG", HOSTILE);
        try (HubClient tz = HubClient.builder().hubUrl(base.toString()).keystore(tzKeys)
                .trustedHub(PinnedCertificates.of(hub)).build()) {
            Receipt hostile = tz.submit(co("TZ-MSG-0001", "tz-msg-1", hostilePayload));
            Receipt plain = tz.submit(co("TZ-MSG-0002", "tz-msg-2", SampleDocuments.certificate("TZ", "TZ-MSG-0002",
                    "EAC-MSG")));
            exchange = new Exchange(hostile.trackingNumber(), hostilePayload, plain.trackingNumber());
        }
        return exchange;
    }

    private static Submission co(String number, String messageId, byte[] payload) {
        return SampleSubmissions.co("TZ", "RW", "EAC-MSG", number, messageId, payload);
    }

    private void registerGateway(String member, String name, String mode, String endpoint,
            TestPki.Issued certificate) throws Exception {
        String request = api("admin/gateways", "{\"memberCode\":\"" + member + "\",\"name\":\"" + name
                + "\",\"deliveryMode\":\"" + mode + "\"," + (endpoint == null ? "" : "\"endpointUrl\":\"" + endpoint
                + "\",") + "\"permissions\":[\"SEND:CERTIFICATE_OF_ORIGIN\",\"RECEIVE:CERTIFICATE_OF_ORIGIN\"],"
                + "\"certificate\":\"" + json(certificate.pem()) + "\"}", 202);
        Matcher id = Pattern.compile("\"id\":\"?([^\",}]+)").matcher(request);
        assertThat(id.find()).as(request).isTrue();
        api("admin/requests/" + id.group(1) + "/approve", "{}", 200);
    }

    /** Waits until the hub has tried (and failed) {@code attempts} pushes and holds no claim on the message. */
    private static void awaitAttempts(DataSource dataSource, String trackingNumber, int attempts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                    "SELECT attempts FROM exchange_message WHERE tracking_number = ? AND claim_token IS NULL")) {
                select.setString(1, trackingNumber);
                try (ResultSet r = select.executeQuery()) {
                    if (r.next() && r.getInt(1) >= attempts) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + attempts + " failed push(es) of " + trackingNumber + " within 60 s");
    }

    /** What the delivery queue does when it gives up, done at once: FAILED_DELIVERY, no next attempt, no claim. */
    private static void markFailed(DataSource dataSource, String trackingNumber) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            awaitAttempts(dataSource, trackingNumber, 1);
            try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                    "UPDATE exchange_message SET delivery_status = 'FAILED_DELIVERY', failed_at = UTC_TIMESTAMP(6), "
                            + "next_attempt_at = NULL, version = version + 1 WHERE tracking_number = ? "
                            + "AND delivery_status = 'PENDING_DELIVERY' AND claim_token IS NULL")) {
                update.setString(1, trackingNumber);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(trackingNumber + " could not be marked failed");
    }

    private static String status(DataSource dataSource, String trackingNumber) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT delivery_status FROM exchange_message WHERE tracking_number = ?")) {
            select.setString(1, trackingNumber);
            try (ResultSet r = select.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    /** The admin REST API as the first administrator; returns the body after checking the status. */
    private String api(String path, String body, int expected) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + adminPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(root() + "api/" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private HttpResponse<String> soap(byte[] envelope) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(root() + "services/registry"))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    // --- the browser

    private ChromeDriver browser() {
        if (browser == null) {
            assertThat(CHROMIUM).as("Chromium (CI=true requires it; .ci/install-browser installs it)")
                    .isExecutable();
            try {
                downloads = Files.createTempDirectory("console-downloads");
                profile = Files.createTempDirectory("console-chromium-profile");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,900");
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            browser = new ChromeDriver(service, options);
            // Headless Chromium ignores the download preferences: allow downloads into the folder explicitly.
            browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                    downloads.toString()));
            browser.manage().window().setSize(new Dimension(1366, 900));
        }
        return browser;
    }

    /** The application's root URL, with its trailing slash. */
    private String root() {
        String url = base.toString();
        return url.endsWith("/") ? url : url + "/";
    }

    private void open(String path) {
        browser().get(root() + path.substring(1));
        waitForPage();
    }

    private void signOutEverywhere() {
        browser().manage().deleteAllCookies();
    }

    private void signIn(String username, String password) {
        signOutEverywhere();
        open(ConsoleView.LOGIN.path());
        type(By.id("login:username"), username);
        type(By.id("login:password"), password);
        clickAndLoad(By.id("login:sign-in"));
    }

    private void waitForPage() {
        try {
            new WebDriverWait(browser(), Duration.ofSeconds(30)).until(driver -> "complete".equals(
                    ((JavascriptExecutor) driver).executeScript("return document.readyState"))
                    && !driver.findElements(By.id("page-title")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            String source = browser().getPageSource();
            throw new AssertionError("no console page at " + browser().getCurrentUrl() + ": "
                    + source.substring(0, Math.min(2000, source.length())), e);
        }
    }

    /** A full-page submit (non-Ajax button): waits for the next page. */
    private void clickAndLoad(By button) {
        clickAndLoad(browser().findElement(button));
    }

    /** A full-page submit (non-Ajax button): waits until the old document is gone, then for the next page. */
    private void clickAndLoad(WebElement button) {
        WebElement old = browser().findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(browser(), Duration.ofSeconds(30)).until(driver -> {
            try {
                old.isDisplayed();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                // ChromeDriver, asked about a node while the next document replaces it, may answer with an
                // inspector error ("Node with given id does not belong to the document") instead of a stale
                // element: the old document is gone all the same.
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        waitForPage();
    }

    private void clickAjax(By button) {
        clickAjax(browser().findElement(button));
    }

    /** An Ajax button: waits until PrimeFaces' request queue is empty again. */
    private void clickAjax(WebElement button) {
        button.click();
        new WebDriverWait(browser(), Duration.ofSeconds(30)).until(driver -> Boolean.TRUE.equals(
                ((JavascriptExecutor) driver).executeScript(
                        "return !!window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty() && !window.jQuery.active")));
    }

    private void type(By field, String value) {
        WebElement element = browser().findElement(field);
        element.clear();
        element.sendKeys(value);
    }

    private void clear(By field) {
        browser().findElement(field).clear();
    }

    /** Picks a value of a p:selectOneMenu through its widget, as a user's click would. */
    private void selectOne(String clientId, String value) {
        browser().executeScript("PrimeFaces.getWidgetById(arguments[0]).selectValue(arguments[1]);", clientId, value);
    }

    /** Ticks the p:selectManyCheckbox box whose value is {@code value}. */
    private void check(String value) {
        browser().findElement(By.xpath("//input[@value='" + value + "']/../following-sibling::div"
                + "[contains(@class,'ui-chkbox-box')]")).click();
    }

    private String title() {
        return text(By.id("page-title"));
    }

    private String messages() {
        List<WebElement> found = browser().findElements(By.cssSelector("[id$='messages']"));
        StringBuilder all = new StringBuilder();
        for (WebElement element : found) {
            all.append(element.getText()).append('\n');
        }
        return all.toString();
    }

    private String text(By by) {
        return browser().findElement(by).getText().strip();
    }

    private void assertThatNoAlert() {
        try {
            browser().switchTo().alert();
            throw new AssertionError("a script ran and opened an alert");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private String sessionCookie() {
        Cookie cookie = browser().manage().getCookieNamed("JSESSIONID");
        assertThat(cookie).as("session cookie").isNotNull();
        return cookie.getValue();
    }

    private Path downloaded(String suffix) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> done = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
                if (!done.isEmpty()) {
                    Path file = done.get(0);
                    Path kept = Files.createTempFile("console-export", suffix);
                    Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
                    return kept;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + suffix + " download within 30 s");
    }

    /** A screenshot of a long page: the window made taller for it, then back to its size. */
    private void tallScreenshot(String name) throws IOException {
        browser().manage().window().setSize(new Dimension(1366, 1300));
        try {
            screenshot(name);
        } finally {
            browser().manage().window().setSize(new Dimension(1366, 900));
        }
    }

    private void screenshot(String name) throws IOException {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Files.copy(((TakesScreenshot) browser()).getScreenshotAs(OutputType.FILE).toPath(),
                folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    // --- plain HTTP with the browser's session

    private HttpResponse<String> get(String path, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path.substring(1)))
                .timeout(Duration.ofSeconds(30)).GET();
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String session, String origin, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path.substring(1)))
                .timeout(Duration.ofSeconds(30)).header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- data

    private void createUsers(DataSource dataSource) throws Exception {
        if (usersCreated) {
            return;
        }
        insertUser(dataSource, USERS.get(Role.OPERATOR), PASSWORD, "OPERATOR", null, false, null);
        insertUser(dataSource, USERS.get(Role.AUDITOR), PASSWORD, "AUDITOR", null, false, null);
        insertUser(dataSource, USERS.get(Role.MEMBER_AUDITOR), PASSWORD, "MEMBER_AUDITOR", "MW", false, null);
        usersCreated = true;
    }

    private static String adminPassword() {
        String password = System.getenv("HUB_ADMIN_PASSWORD");
        assertThat(password).as("HUB_ADMIN_PASSWORD from hub-web/pom.xml").isNotBlank();
        return password;
    }

    private boolean isDisabled(By paginatorLink) {
        return browser().findElement(paginatorLink).getAttribute("class").contains("ui-state-disabled");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start + " in " + text).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        assertThat(to).as(end + " in " + text).isPositive();
        return text.substring(from + start.length(), to);
    }

    /** A hub user written straight into the database, as HubSystemIT does. */
    private static void insertUser(DataSource dataSource, String username, String password, String role,
            String memberCode, boolean mustChange, Instant lockedUntil) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO hub_user (username, password_hash, role, member_code, status, failed_logins, "
                        + "locked_until, password_changed_at, must_change_password, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, NOW(6), ?, NOW(6), 'ConsoleBrowserIT')")) {
            insert.setString(1, username);
            insert.setString(2, new PasswordHashing(PasswordHashing.MINIMUM_ITERATIONS).hash(password));
            insert.setString(3, role);
            insert.setString(4, memberCode);
            insert.setInt(5, lockedUntil == null ? 0 : 5);
            insert.setTimestamp(6, lockedUntil == null ? null : Timestamp.from(lockedUntil));
            insert.setBoolean(7, mustChange);
            insert.executeUpdate();
        }
    }

    /** Who recorded the latest verification of the whole chain that ran, or null when none has. */
    private static Long lastCheckpointSeq(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(seq) FROM audit_checkpoint")) {
            rs.next();
            long seq = rs.getLong(1);
            return rs.wasNull() ? null : seq;
        }
    }

    private static String lastAuditVerifier(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT actor FROM audit_record WHERE action = 'AUDIT_VERIFIED' "
                        + "AND outcome <> 'REJECTED' ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

}
