package org.originhub.gatewaykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.testing.HubPusher;
import org.originhub.gatewaykit.testing.PipelineHub;
import org.originhub.gatewaykit.testing.TestCommunity;

/** The command line against the hub's real pipeline: arguments, output, and the exit code of each outcome. */
class GatewayKitTest {

    @TempDir
    static Path folder;
    static TestCommunity community;
    static PipelineHub hub;
    static Path payload;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startHub() throws IOException {
        community = new TestCommunity(folder);
        hub = new PipelineHub(community);
        payload = Files.writeString(folder.resolve("co.xml"),
                "<co:CertificateOfOrigin xmlns:co=\"urn:originhub:co:v1\"/>");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    int run(Map<String, String> environment, String... args) {
        return new GatewayKit(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment).run(args);
    }

    /** As Kenya's gateway: keystore and hub from options, the password from the environment. */
    int kenya(String... args) {
        return as(community.kenyaKeystore, args);
    }

    int as(Path keystore, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--hub", hub.url(), "--keystore", keystore.toString(),
                "--hub-cert", community.hubCertificatePem.toString()));
        return run(Map.of(GatewayKit.ENV_PASSWORD, new String(TestCommunity.PASSWORD)), all.toArray(new String[0]));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutACommandItPrintsTheUsageAndExits2() {
        assertThat(run(Map.of())).isEqualTo(GatewayKit.USAGE);
        assertThat(err()).contains("Usage: gateway-kit <command>").contains("Exit codes");
    }

    @Test
    void aMisspeltOptionIsAUsageError() {
        assertThat(kenya("track", "OH-1", "--hubb", "x")).isEqualTo(GatewayKit.USAGE);
        assertThat(err()).contains("Unknown option --hubb");
    }

    @Test
    void withoutAPasswordSourceItSaysWhereToPutIt() {
        int code = run(Map.of(), "track", "OH-1", "--hub", hub.url(), "--keystore", community.kenyaKeystore.toString(),
                "--hub-cert", community.hubCertificatePem.toString());

        assertThat(code).isEqualTo(GatewayKit.USAGE);
        assertThat(err()).contains(GatewayKit.ENV_PASSWORD).contains("--password-file");
    }

    @Test
    void sendSubmitsTheFileAndPrintsTheReceipt() {
        int code = kenya("send", payload.toString(), "--from", "ke", "--to", "TZ", "--agreement", "EAC-CO-DEMO",
                "--co-number", "KE-CLI-1", "--message-id", "cli-1");

        assertThat(code).as(err()).isEqualTo(GatewayKit.OK);
        Matcher tracking = Pattern.compile("tracking number\\s+(OH-\\d+)").matcher(out());
        assertThat(tracking.find()).as(out()).isTrue();
        assertThat(hub.exchange.stored(tracking.group(1)).envelope.getSenderMessageId()).isEqualTo("cli-1");
        assertThat(out()).contains("PENDING_DELIVERY");
    }

    @Test
    void aHubFaultPrintsCodeAndReasonAndExits3() {
        int code = kenya("send", payload.toString(), "--from", "UG", "--to", "TZ", "--agreement", "EAC-CO-DEMO",
                "--co-number", "UG-CLI-1");

        assertThat(code).isEqualTo(GatewayKit.HUB_FAULT);
        assertThat(err()).contains("The hub refused the request: SenderMismatch").contains("(UG)");
    }

    @Test
    void anUnreachableHubExits4() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int code = run(Map.of(GatewayKit.ENV_PASSWORD, new String(TestCommunity.PASSWORD),
                GatewayKit.ENV_HUB_URL, "http://127.0.0.1:" + closedPort,
                GatewayKit.ENV_KEYSTORE, community.kenyaKeystore.toString(),
                GatewayKit.ENV_HUB_CERT, community.hubCertificatePem.toString()), "track", "OH-1");

        assertThat(code).isEqualTo(GatewayKit.UNREACHABLE);
        assertThat(err()).contains("could not be reached");
    }

    @Test
    void anAnswerNotSignedByThePinnedHubExits5() {
        int code = run(Map.of(GatewayKit.ENV_PASSWORD, new String(TestCommunity.PASSWORD)), "track", "OH-1",
                "--hub", hub.url(), "--keystore", community.kenyaKeystore.toString(),
                "--hub-fingerprint", community.kenya().fingerprint());

        assertThat(code).isEqualTo(GatewayKit.UNTRUSTED);
        assertThat(err()).contains("could not be verified").contains("not a pinned certificate");
    }

    @Test
    void aWrongPasswordIsALocalProblem() throws IOException {
        Path wrong = Files.writeString(folder.resolve("wrong-password"), "not-it\n");

        int code = run(Map.of(), "track", "OH-1", "--hub", hub.url(), "--keystore", community.kenyaKeystore.toString(),
                "--password-file", wrong.toString(), "--hub-cert", community.hubCertificatePem.toString());

        assertThat(code).isEqualTo(GatewayKit.LOCAL_ERROR);
        assertThat(err()).contains("The keystore cannot be used");
    }

    @Test
    void pullSavesAndAcknowledgesWhatWaitsAndTrackShowsItDelivered() throws IOException {
        assertThat(kenya("send", payload.toString(), "--from", "KE", "--to", "TZ", "--agreement", "EAC-CO-DEMO",
                "--co-number", "KE-CLI-2")).isZero();
        Matcher sent = Pattern.compile("tracking number\\s+(OH-\\d+)").matcher(out());
        assertThat(sent.find()).isTrue();
        Path inbox = folder.resolve("tz-inbox");
        Path passwordFile = Files.writeString(folder.resolve("tz-password"),
                new String(TestCommunity.PASSWORD) + "\n");

        int code = run(Map.of(), "pull", "--max", "50", "--out", inbox.toString(), "--ack", "--hub", hub.url(),
                "--keystore", community.tanzaniaKeystore.toString(), "--password-file", passwordFile.toString(),
                "--hub-fingerprint", community.hubKey.fingerprint());

        assertThat(code).as(err()).isZero();
        assertThat(Files.readAllBytes(inbox.resolve(sent.group(1) + ".xml"))).isEqualTo(Files.readAllBytes(payload));
        assertThat(out()).contains("acknowledged OK: DELIVERED");
        assertThat(kenya("track", sent.group(1))).isZero();
        assertThat(out()).contains(sent.group(1) + "  DELIVERED");
    }

    @Test
    void ackNeedsATextForWarnings() {
        assertThat(as(community.tanzaniaKeystore, "ack", "OH-1", "--kind", "ok-with-warnings"))
                .isEqualTo(GatewayKit.USAGE);
        assertThat(err()).contains("--text is required");
    }

    @Test
    void simulateServesUntilTheRequestedNumberOfDocumentsArrived() throws Exception {
        Path passwordFile = Files.writeString(folder.resolve("sim-password"), new String(TestCommunity.PASSWORD));
        Path store = folder.resolve("sim-store");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(Map.of(), "simulate", "--port", "0",
                "--path", "/gateway/tz", "--keystore", community.tanzaniaKeystore.toString(), "--password-file",
                passwordFile.toString(), "--hub-cert", community.hubCertificatePem.toString(), "--ack",
                "OK_WITH_WARNINGS", "--store", store.toString(), "--exit-after", "1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!out().contains("listening at") && !exit.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Matcher url = Pattern.compile("listening at (\\S+)").matcher(out());
        assertThat(url.find()).isTrue();

        try (HubPusher pusher = new HubPusher(url.group(1),
                GatewayKeystore.load(community.hubKeystore, TestCommunity.PASSWORD, null),
                PinnedCertificates.of(community.tanzania().certificate()))) {
            assertThat(pusher.push(HubPusher.document("OH-77", Files.readAllBytes(payload)), 1)
                    .getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.OK_WITH_WARNINGS);
        }

        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out()).contains("received OH-77 (attempt 1) KE -> TZ");
        assertThat(store.resolve("OH-77.xml")).exists();
    }
}
