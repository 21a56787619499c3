package org.originhub.gatewaykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentStatus;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.UntrustedMessageException;
import org.originhub.gatewaykit.simulator.SoapHttpServer;
import org.originhub.gatewaykit.testing.PipelineHub;
import org.originhub.gatewaykit.testing.TestCommunity;
import org.originhub.soap.security.SecurityPipeline;

/**
 * The client against the hub's real security pipeline over HTTP: what it signs is accepted by the hub's checks, and
 * what the hub's signer produces is accepted by the client's; faults arrive as {@link HubFaultException} with the
 * hub's code; anything the client cannot verify is refused.
 */
class HubClientTest {

    @TempDir
    static Path folder;
    static TestCommunity community;
    static PipelineHub hub;
    static HubClient kenya;
    static HubClient tanzania;

    @BeforeAll
    static void startHub() throws IOException {
        community = new TestCommunity(folder);
        hub = new PipelineHub(community);
        kenya = client(community.kenya(), community.hubPin());
        tanzania = HubClient.builder().hubUrl(hub.url()).keystore(community.tanzaniaKeystore, TestCommunity.PASSWORD)
                .hubCertificate(community.hubCertificatePem).build();
    }

    @AfterAll
    static void stopHub() {
        kenya.close();
        tanzania.close();
        hub.close();
    }

    static HubClient client(GatewayKeystore keystore, PinnedCertificates hubPin) {
        return HubClient.builder().hubUrl(hub.url()).keystore(keystore).trustedHub(hubPin)
                .receiveTimeout(Duration.ofSeconds(20)).build();
    }

    static Submission co(String coNumber, byte[] payload) {
        return Submission.builder().from("KE").to("TZ").agreement("EAC-CO-DEMO").coNumber(coNumber)
                .payload(payload).build();
    }

    static byte[] payload(String coNumber) {
        return ("<co:CertificateOfOrigin xmlns:co=\"urn:originhub:co:v1\"><co:CoNumber>" + coNumber
                + "</co:CoNumber>\n  <!-- kept byte for byte -->\r\n</co:CertificateOfOrigin>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSubmissionSignedByTheKitPassesTheHubsPipelineAndTheReceiptIsVerified() {
        byte[] payload = payload("KE-2026-0001");

        Receipt receipt = kenya.submit(co("KE-2026-0001", payload));

        assertThat(receipt.trackingNumber()).startsWith("OH-");
        assertThat(receipt.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(receipt.payloadSha256()).isEqualTo(org.originhub.gatewaykit.security.Sha256.hex(payload));
        // The pipeline authenticated the kit's certificate as Kenya's gateway, and the payload arrived unaltered.
        assertThat(hub.exchange.callers).anySatisfy(sender -> {
            assertThat(sender.memberCode()).isEqualTo("KE");
            assertThat(sender.certificateFingerprint()).isEqualTo(community.kenya().fingerprint());
        });
        assertThat(hub.exchange.stored(receipt.trackingNumber()).payload.getContent()).isEqualTo(payload);
    }

    @Test
    void aCoTravelsFromSubmissionThroughInboxAndPullToAcknowledgement() {
        byte[] payload = payload("KE-2026-0002");
        Receipt receipt = kenya.submit(co("KE-2026-0002", payload));

        Inbox inbox = tanzania.inbox(null);
        assertThat(inbox.items()).extracting(InboxItem::trackingNumber).contains(receipt.trackingNumber());

        Pull pull = tanzania.pullTracking(List.of(receipt.trackingNumber()));
        assertThat(pull.documents()).hasSize(1);
        ReceivedDocument document = pull.documents().get(0);
        assertThat(document.payload()).isEqualTo(payload);
        assertThat(document.payloadIntact()).isTrue();
        assertThat(document.envelope().from()).isEqualTo("KE");
        assertThat(document.envelope().issuerCoNumber()).isEqualTo("KE-2026-0002");
        assertThat(document.senderCertificateSha256()).isEqualTo(community.kenya().fingerprint());

        assertThat(tanzania.acknowledge(document.trackingNumber(), AcknowledgementKind.OK, null))
                .isEqualTo(DeliveryStatus.DELIVERED);
        Tracking tracking = kenya.track(receipt.trackingNumber(), "OH-UNKNOWN").get(0);
        assertThat(tracking.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(tracking.acknowledgement()).isEqualTo(AcknowledgementKind.OK);
        assertThat(kenya.track("OH-UNKNOWN").get(0).deliveryStatus())
                .isEqualTo(DeliveryStatus.UNKNOWN_TRACKING_NUMBER);

        DocumentStatusReport status = tanzania.documentStatus("KE", "KE-2026-0002");
        assertThat(status.known()).isTrue();
        assertThat(status.status()).isEqualTo(DocumentStatus.ISSUED);
        assertThat(status.history()).extracting(StatusChange::trackingNumber).containsExactly(receipt.trackingNumber());
    }

    @Test
    void aWholePullIsAcknowledgedInOneSignedCall() {
        Receipt first = kenya.submit(co("KE-2026-0003", payload("KE-2026-0003")));
        Receipt second = kenya.submit(co("KE-2026-0004", payload("KE-2026-0004")));
        List<String> pulled = tanzania.pullTracking(List.of(first.trackingNumber(), second.trackingNumber()))
                .documents().stream().map(ReceivedDocument::trackingNumber).toList();

        List<DeliveryStatus> statuses = tanzania.acknowledge(pulled, AcknowledgementKind.OK, null);

        assertThat(statuses).containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED);
        assertThat(kenya.track(first.trackingNumber(), second.trackingNumber())).extracting(Tracking::deliveryStatus)
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED);
        assertThatThrownBy(() -> tanzania.acknowledge(List.of(), AcknowledgementKind.OK, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalByTheEndpointSurfacesWithTheHubsCodeAndReason() {
        Submission spoofed = Submission.builder().from("UG").to("TZ").agreement("EAC-CO-DEMO")
                .coNumber("UG-1").function(DocumentFunction.NEW).payload(payload("UG-1")).build();

        assertThatThrownBy(() -> kenya.submit(spoofed))
                .isInstanceOfSatisfying(HubFaultException.class, fault -> {
                    assertThat(fault.code()).isEqualTo("SenderMismatch");
                    assertThat(fault.isHubCode()).isTrue();
                    assertThat(fault.reason()).contains("UG").contains("KE");
                });
    }

    @Test
    void aResendWithTheSameSenderMessageIdIsAnsweredDuplicate() {
        Submission first = Submission.builder().from("KE").to("TZ").agreement("EAC-CO-DEMO").coNumber("KE-2026-0003")
                .senderMessageId("outbox-42").payload(payload("KE-2026-0003")).build();
        Receipt receipt = kenya.submit(first);

        assertThatThrownBy(() -> kenya.submit(first))
                .isInstanceOfSatisfying(HubFaultException.class, fault -> {
                    assertThat(fault.code()).isEqualTo("Duplicate");
                    assertThat(fault.reason()).contains(receipt.trackingNumber());
                });
    }

    @Test
    void theHubsPipelineRefusesAnUnregisteredCertificateAndTheClientSeesUnknownSender() {
        try (HubClient stranger = client(community.stranger(), community.hubPin())) {
            assertThatThrownBy(() -> stranger.submit(co("KE-2026-0004", payload("KE-2026-0004"))))
                    .isInstanceOfSatisfying(HubFaultException.class, fault -> {
                        assertThat(fault.code()).isEqualTo("UnknownSender");
                        assertThat(fault.reason()).contains("not registered");
                    });
        }
    }

    @Test
    void validationFindingsComeBackAsValues() {
        Validation validation = kenya.validate(Submission.builder().from("KE").to("KE").agreement("EAC-CO-DEMO")
                .coNumber("KE-9").payload(payload("KE-9")).build());

        assertThat(validation.valid()).isFalse();
        assertThat(validation.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("UnknownRecipient");
            assertThat(finding.field()).isEqualTo("Envelope/To");
        });
    }

    @Test
    void theDirectoryIsVerifiedWithThePinnedHubCertificate() {
        DirectorySnapshot directory = kenya.directory();

        assertThat(directory.notModified()).isFalse();
        assertThat(new String(directory.document(), StandardCharsets.UTF_8)).contains("code=\"TZ\"");
        assertThat(directory.hubCertificate()).isEqualTo(community.hubKey.certificate());
        assertThat(kenya.directory(directory.serial()).notModified()).isTrue();
    }

    @Test
    void aDirectoryWhoseBytesDoNotMatchItsSignatureIsRefused() {
        hub.registry.directoryOverride = new String(
                org.originhub.gatewaykit.testing.InMemoryRegistry.document(community.hubKey), StandardCharsets.UTF_8)
                .replace("Tanzania", "Tanganyika").getBytes(StandardCharsets.UTF_8);
        try {
            assertThatThrownBy(() -> kenya.directory())
                    .isInstanceOf(UntrustedMessageException.class)
                    .hasMessageContaining("does not verify");
        } finally {
            hub.registry.directoryOverride = null;
        }
    }

    @Test
    void checkSignerAnswersByCertificateAndByFingerprint() {
        hub.registry.signers.put(community.tanzania().fingerprint(), "TZ|A. Official|TRA Origin Office");

        SignerCheck byCertificate = kenya.checkSigner(community.tanzania().certificate(), "TZ", null, null);
        SignerCheck byFingerprint = kenya.checkSigner(community.tanzania().fingerprint().toUpperCase(), "KE",
                "EAC-CO-DEMO", java.time.Instant.now());

        assertThat(byCertificate.authorised()).isTrue();
        assertThat(byCertificate.signerName()).isEqualTo("A. Official");
        assertThat(byFingerprint.authorised()).isFalse();
        assertThat(byFingerprint.fingerprint()).isEqualTo(community.tanzania().fingerprint());
    }

    @Test
    void answersSignedByAnotherKeyThanThePinnedHubAreNotTrusted() {
        // The genuine hub answers, but the client pins a different certificate: its signature must not be accepted.
        try (HubClient misconfigured = client(community.kenya(), PinnedCertificates.of(community.ca.certificate()))) {
            assertThatThrownBy(() -> misconfigured.track("OH-1"))
                    .isInstanceOf(UntrustedMessageException.class)
                    .hasMessageContaining("not a pinned certificate");
            // Faults too: the hub's signed UnknownSender fault does not count as the hub's word either.
            assertThatThrownBy(() -> misconfigured.submit(co("UG-2", payload("UG-2"))))
                    .isInstanceOf(UntrustedMessageException.class);
        }
    }

    @Test
    void anUnsignedAnswerIsNotTrustedButWhatItSaidIsReported() throws IOException {
        // An endpoint with only the hub's fault mapping, no signatures: as if something else answered in the hub's
        // place (a proxy, a wrong URL).
        try (SoapHttpServer unsigned = SoapHttpServer.start("127.0.0.1", 0)) {
            unsigned.publish("/services/exchange", new org.originhub.gatewaykit.testing.InMemoryExchange(),
                    SecurityPipeline::mapFaults);
            try (HubClient client = HubClient.builder().hubUrl(unsigned.url("")).keystore(community.kenya())
                    .trustedHub(community.hubPin()).build()) {
                // Without the pipeline nobody understands the mustUnderstand Security header: an unsigned fault.
                assertThatThrownBy(() -> client.track("OH-1"))
                        .isInstanceOf(UntrustedMessageException.class)
                        .hasMessageContaining("unsigned SOAP fault")
                        .hasMessageContaining("InvalidRequest");
            }
        }
    }

    @Test
    void anHtmlErrorPageInsteadOfASoapAnswerIsReportedUnreachable() throws IOException {
        // what Payara answers while the hub is being deployed (an error page; a 503 was already "no answer")
        com.sun.net.httpserver.HttpServer html = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        html.createContext("/", exchange -> {
            byte[] page = "<html><body>Service not yet available</body></html>".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(500, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        html.start();
        try (HubClient client = HubClient.builder().hubUrl("http://127.0.0.1:" + html.getAddress().getPort())
                .keystore(community.kenya()).trustedHub(community.hubPin()).build()) {
            assertThatThrownBy(() -> client.submit(co("KE-HTML-1", payload("KE-HTML-1"))))
                    .as("no hub fault: nothing says the hub refused it, so a resend is the answer")
                    .isInstanceOf(HubUnreachableException.class)
                    .hasMessageContaining("No SOAP answer from the hub to SubmitDocument after ");
        } finally {
            html.stop(0);
        }
    }

    @Test
    void aHubThatDoesNotAnswerIsReportedUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HubClient client = HubClient.builder().hubUrl("http://127.0.0.1:" + closedPort)
                .keystore(community.kenya()).trustedHub(community.hubPin())
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> client.track("OH-1"))
                    .isInstanceOf(HubUnreachableException.class)
                    .hasMessageContaining("No answer from the hub to GetTrackingInfo after ");
        }
    }
}
