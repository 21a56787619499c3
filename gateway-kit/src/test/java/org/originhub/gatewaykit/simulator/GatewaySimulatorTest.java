package org.originhub.gatewaykit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.gatewaypush.DeliverDocumentResponse;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.UntrustedMessageException;
import org.originhub.gatewaykit.testing.HubPusher;
import org.originhub.gatewaykit.testing.RawSoap;
import org.originhub.gatewaykit.testing.TestCommunity;

/**
 * The simulator driven by a test that plays the hub: pushes signed with the hub's key, answers verified against the
 * gateway's certificate, everything over loopback HTTP.
 */
class GatewaySimulatorTest {

    private static final String DELIVER = "urn:originhub:gateway:v1:DeliverDocument";

    @TempDir
    static Path keys;
    static TestCommunity community;
    static GatewayKeystore hubKey;
    static PinnedCertificates gatewayPin;

    @TempDir
    Path store;
    GatewaySimulator simulator;
    HubPusher hub;

    @BeforeAll
    static void community() {
        community = new TestCommunity(keys);
        hubKey = GatewayKeystore.load(community.hubKeystore, TestCommunity.PASSWORD, null);
        gatewayPin = PinnedCertificates.of(community.tanzania().certificate());
    }

    @BeforeEach
    void start() throws IOException {
        simulator = GatewaySimulator.builder(community.tanzania(), community.hubPin()).path("/gateway/tz")
                .storeIn(store).start();
        hub = new HubPusher(simulator.url(), hubKey, gatewayPin);
    }

    @AfterEach
    void stop() {
        hub.close();
        simulator.close();
    }

    static byte[] payload(String text) {
        return ("<co:CertificateOfOrigin xmlns:co=\"urn:originhub:co:v1\">" + text + "</co:CertificateOfOrigin>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedPushIsStoredAndAcknowledgedWithTheGatewaysSignature() throws Exception {
        byte[] payload = payload("one");

        DeliverDocumentResponse answer = hub.push(HubPusher.document("OH-1", payload), 1);

        assertThat(simulator.url()).matches("http://127\\.0\\.0\\.1:\\d+/gateway/tz");
        assertThat(answer.getTrackingNumber()).isEqualTo("OH-1");
        assertThat(answer.getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.OK);
        ReceivedDocument received = simulator.awaitDocuments(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.payload()).isEqualTo(payload);
        assertThat(received.envelope().issuerCoNumber()).isEqualTo("KE-2026-OH-1");
        assertThat(simulator.received().get(0).hubSigner()).isEqualTo(community.hubKey.fingerprint());
        assertThat(simulator.received().get(0).attempt()).isEqualTo(1);
        // Stored byte for byte, with the envelope beside it.
        assertThat(Files.readAllBytes(store.resolve("OH-1.xml"))).isEqualTo(payload);
        assertThat(Files.readString(store.resolve("OH-1.envelope.txt"))).contains("From: KE").contains("To: TZ")
                .contains("Acknowledgement: OK");
    }

    @Test
    void theAcknowledgementIsSignedByTheGatewayKeyAndNoOther() {
        // A hub pinning another certificate than the gateway's must refuse the answer.
        try (HubPusher suspicious = new HubPusher(simulator.url(), hubKey,
                PinnedCertificates.of(community.kenya().certificate()))) {
            assertThatThrownBy(() -> suspicious.push(HubPusher.document("OH-2", payload("two")), 1))
                    .hasRootCauseInstanceOf(UntrustedMessageException.class)
                    .rootCause().hasMessageContaining("not a pinned certificate");
        }
    }

    @Test
    void aPushSignedByAnotherKeyIsRefusedWithASignedSecurityError() {
        try (HubPusher impostor = new HubPusher(simulator.url(), community.kenya(), gatewayPin)) {
            assertThatThrownBy(() -> impostor.push(HubPusher.document("OH-3", payload("three")), 1))
                    .isInstanceOfSatisfying(SOAPFaultException.class, fault -> {
                        assertThat(fault.getFault().getFaultCodeAsQName().getLocalPart()).isEqualTo("SecurityError");
                        assertThat(fault.getFault().getFaultString()).contains("not a pinned certificate");
                    });
        }
        assertThat(simulator.securityRefusals()).isEqualTo(1);
        assertThat(simulator.received()).isEmpty();
        assertThat(simulator.deliveries()).isZero();
    }

    @Test
    void anUnsignedPushIsRefused() {
        try (HubPusher unsigned = new HubPusher(simulator.url(), null, gatewayPin)) {
            assertThatThrownBy(() -> unsigned.push(HubPusher.document("OH-4", payload("four")), 1))
                    .isInstanceOfSatisfying(SOAPFaultException.class, fault -> assertThat(
                            fault.getFault().getFaultCodeAsQName().getLocalPart()).isEqualTo("SecurityError"));
        }
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void aPushWhoseSignatureLeavesTheBodyOutIsRefused() throws Exception {
        byte[] message = RawSoap.signed(HubPusher.request(HubPusher.document("OH-5", payload("five")), 1),
                community.hubKeystore, TestCommunity.PASSWORD, false);

        RawSoap.Answer answer = RawSoap.post(simulator.url(), message, DELIVER);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.faultCode()).isEqualTo("SecurityError");
        assertThat(answer.body()).contains("does not cover the message's Body");
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void theSameSignedMessageSentTwiceIsRefusedAsAReplay() throws Exception {
        byte[] message = RawSoap.signed(HubPusher.request(HubPusher.document("OH-6", payload("six")), 1),
                community.hubKeystore, TestCommunity.PASSWORD, true);

        RawSoap.Answer first = RawSoap.post(simulator.url(), message, DELIVER);
        RawSoap.Answer second = RawSoap.post(simulator.url(), message, DELIVER);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.faultCode()).isNull();
        assertThat(second.status()).isEqualTo(500);
        assertThat(second.faultCode()).isEqualTo("Replay");
        assertThat(simulator.deliveries("OH-6")).isEqualTo(1);
    }

    @Test
    void failNextAnswersServiceUnavailableThenAcceptsTheRetry() throws Exception {
        simulator.failNext(2);
        ReceivedDocument document = HubPusher.document("OH-7", payload("seven"));

        for (int attempt = 1; attempt <= 2; attempt++) {
            int current = attempt;
            assertThatThrownBy(() -> hub.push(document, current))
                    .isInstanceOfSatisfying(SOAPFaultException.class, fault -> assertThat(
                            fault.getFault().getFaultCodeAsQName().getLocalPart()).isEqualTo("ServiceUnavailable"));
        }
        DeliverDocumentResponse third = hub.push(document, 3);

        assertThat(third.getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.OK);
        assertThat(simulator.unavailableAnswers()).isEqualTo(2);
        assertThat(simulator.deliveries("OH-7")).isEqualTo(3);
        assertThat(simulator.received()).singleElement().satisfies(d -> assertThat(d.attempt()).isEqualTo(3));
    }

    @Test
    void failEveryAnswersEachNthCallServiceUnavailableAndTheRetryIsACallOfItsOwn() {
        simulator.failEvery(3);
        java.util.List<String> refused = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ReceivedDocument document = HubPusher.document("OH-E" + i, payload("every " + i));
            try {
                hub.push(document, 1);
            } catch (SOAPFaultException fault) {
                assertThat(fault.getFault().getFaultCodeAsQName().getLocalPart()).isEqualTo("ServiceUnavailable");
                refused.add(document.trackingNumber());
            }
        }
        // the 8th call: the retry of the 3rd document, not a multiple of 3
        DeliverDocumentResponse retry = hub.push(HubPusher.document("OH-E3", payload("every 3")), 2);

        assertThat(refused).containsExactly("OH-E3", "OH-E6");
        assertThat(retry.getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.OK);
        assertThat(simulator.unavailableAnswers()).isEqualTo(2);
        assertThat(simulator.deliveries()).isEqualTo(8);
        assertThat(simulator.received()).extracting(d -> d.document().trackingNumber())
                .containsExactly("OH-E1", "OH-E2", "OH-E4", "OH-E5", "OH-E7", "OH-E3");

        simulator.failEvery(0);
        hub.push(HubPusher.document("OH-E9", payload("every 9")), 1);
        assertThat(simulator.unavailableAnswers()).isEqualTo(2);
    }

    @Test
    void aSlowGatewayAnswersAfterItsDelay() {
        simulator.delay(Duration.ofMillis(1200));
        long started = System.nanoTime();

        hub.push(HubPusher.document("OH-8", payload("eight")), 1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void aStalledGatewayHoldsADeliveryUnansweredThenDropsItKeepingNothing() throws Exception {
        simulator.stall(Duration.ofMinutes(5));
        ReceivedDocument document = HubPusher.document("OH-14", payload("fourteen"));
        java.util.concurrent.CompletableFuture<DeliverDocumentResponse> held =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> hub.push(document, 1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (simulator.stalledDeliveries() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(simulator.stalledDeliveries()).isEqualTo(1);
        assertThat(held).isNotDone();

        simulator.stall(Duration.ZERO);

        assertThatThrownBy(held::join).hasCauseInstanceOf(SOAPFaultException.class);
        assertThat(simulator.received()).isEmpty();
        DeliverDocumentResponse retry = hub.push(document, 2);
        assertThat(retry.getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.OK);
        assertThat(simulator.received()).singleElement().satisfies(d -> assertThat(d.attempt()).isEqualTo(2));
        assertThat(simulator.deliveries("OH-14")).isEqualTo(2);
    }

    @Test
    void aRepeatGetsTheFirstAcknowledgementAgainAndIsCountedNotStoredTwice() {
        ReceivedDocument document = HubPusher.document("OH-9", payload("nine"));
        DeliverDocumentResponse first = hub.push(document, 1);
        simulator.acknowledgeWith(AcknowledgementKind.NOT_READABLE, "changed my mind");

        DeliverDocumentResponse repeat = hub.push(document, 2);

        assertThat(repeat.getAcknowledgement().getKind()).isEqualTo(first.getAcknowledgement().getKind())
                .isEqualTo(AcknowledgementKind.OK);
        assertThat(simulator.deliveries("OH-9")).isEqualTo(2);
        assertThat(simulator.received()).hasSize(1);
    }

    @Test
    void aRepeatIsReportedWithItsAttemptAndTheFirstDelivery() throws IOException {
        java.util.List<String> repeats = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (GatewaySimulator reporting = GatewaySimulator.builder(community.tanzania(), community.hubPin())
                .path("/gateway/tz").onRepeat((first, attempt) -> repeats.add(first.document().trackingNumber()
                        + " " + first.attempt() + "->" + attempt)).start();
                HubPusher pusher = new HubPusher(reporting.url(), hubKey, gatewayPin)) {
            ReceivedDocument document = HubPusher.document("OH-15", payload("fifteen"));
            pusher.push(document, 1);
            assertThat(repeats).isEmpty();

            pusher.push(document, 3);

            assertThat(repeats).containsExactly("OH-15 1->3");
        }
    }

    @Test
    void warningsAndNotReadableAcknowledgementsCarryText() {
        simulator.acknowledgeWith(AcknowledgementKind.OK_WITH_WARNINGS, null);
        DeliverDocumentResponse warned = hub.push(HubPusher.document("OH-10", payload("ten")), 1);
        simulator.acknowledgeWith(AcknowledgementKind.NOT_READABLE, "HS code 9999.99 unknown");
        DeliverDocumentResponse unreadable = hub.push(HubPusher.document("OH-11", payload("eleven")), 1);

        assertThat(warned.getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.OK_WITH_WARNINGS);
        assertThat(warned.getAcknowledgement().getText()).isEqualTo(GatewaySimulator.DEFAULT_WARNING);
        assertThat(unreadable.getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.NOT_READABLE);
        assertThat(unreadable.getAcknowledgement().getText()).isEqualTo("HS code 9999.99 unknown");
    }

    @Test
    void aPayloadThatDoesNotMatchItsHashIsAcknowledgedNotReadable() {
        ReceivedDocument genuine = HubPusher.document("OH-12", payload("twelve"));
        ReceivedDocument altered = new ReceivedDocument(genuine.trackingNumber(), genuine.receivedAt(),
                genuine.envelope(), genuine.mediaType(), payload("twelve, altered"), genuine.payloadSha256(),
                genuine.senderCertificateSha256());

        DeliverDocumentResponse answer = hub.push(altered, 1);

        assertThat(answer.getAcknowledgement().getKind()).isEqualTo(AcknowledgementKind.NOT_READABLE);
        assertThat(answer.getAcknowledgement().getText()).contains("PayloadSha256");
    }

    @Test
    void waitingForMoreDocumentsThanArriveTimesOut() {
        hub.push(HubPusher.document("OH-13", payload("thirteen")), 1);

        assertThatThrownBy(() -> simulator.awaitDocuments(2, Duration.ofMillis(300)))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("1 of 2");
    }

    @Test
    void onlyPostIsServed() throws Exception {
        java.net.http.HttpResponse<String> get = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.url())).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
    }
}
