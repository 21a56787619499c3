package org.originhub.soap.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jws.WebService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.cxf.jaxws.EndpointImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.exchange.boundary.DeliveredDocument;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.testing.TestPki;
import org.originhub.soap.contract.envelope.Acknowledgement;
import org.originhub.soap.contract.gatewaypush.DeliverDocumentRequest;
import org.originhub.soap.contract.gatewaypush.DeliverDocumentResponse;
import org.originhub.soap.contract.gatewaypush.GatewayPushPortType;
import org.originhub.soap.security.HubKey;
import org.originhub.soap.security.RequestFault;
import org.originhub.soap.security.SecurityPipeline;
import org.originhub.soap.security.SenderDirectory;
import org.originhub.soap.security.SenderStanding;

/**
 * The hub's push to a PUSH gateway, against a gateway endpoint that applies the same WS-Security profile in the
 * other direction (it trusts only the hub's certificate and signs its answers with the gateway key): the document
 * arrives unchanged and signed by the hub, the acknowledgement counts only when signed by a registered certificate of
 * that gateway, and every failure is a described failed attempt, never an exception.
 */
class SoapPushTransportTest {

    private static final char[] PASSWORD = "test-password".toCharArray();

    private static HubKey hubKey;
    private static HubKey gatewayKey;
    private static HubKey strangerKey;
    private static final RecordingGateway GATEWAY = new RecordingGateway();
    private static final String ADDRESS = "local://gateway-push-test";
    private static final String STRANGER_ADDRESS = "local://gateway-push-test-stranger";
    private static EndpointImpl published;
    private static EndpointImpl stranger;

    private final SoapPushTransport transport = new SoapPushTransport();

    @BeforeAll
    static void publish(@TempDir Path keys) throws Exception {
        TestPki.Issued ca = TestPki.ca("CN=Test CA");
        TestPki.Issued hub = TestPki.selfSigned("CN=Origin Hub test key").build();
        TestPki.Issued gateway = TestPki.leaf(ca, "CN=gw.ke.example").build();
        TestPki.Issued other = TestPki.leaf(ca, "CN=other.tz.example").build();
        hubKey = load(keys.resolve("hub.p12"), hub);
        gatewayKey = load(keys.resolve("gateway.p12"), gateway);
        strangerKey = load(keys.resolve("stranger.p12"), other);
        published = gatewaySide(GATEWAY, gatewayKey, ADDRESS);
        stranger = gatewaySide(new RecordingGateway(), strangerKey, STRANGER_ADDRESS);
    }

    /** A gateway's push endpoint: accepts only what the hub signed, signs its answers with its own key. */
    private static EndpointImpl gatewaySide(Object implementor, HubKey ownKey, String address) {
        SenderDirectory onlyTheHub = new SenderDirectory() {
            @Override
            public Collection<X509Certificate> trustAnchors() {
                return List.of(hubKey.certificate());
            }

            @Override
            public SenderStanding lookup(String fingerprint) {
                return fingerprint.equals(hubKey.fingerprint()) ? SenderStanding.active("ZZ", "hub")
                        : SenderStanding.unknown();
            }
        };
        EndpointImpl endpoint = new EndpointImpl(org.apache.cxf.BusFactory.getDefaultBus(), implementor);
        new SecurityPipeline(onlyTheHub, (digest, until) -> true, ownKey).secure(endpoint);
        endpoint.publish(address);
        return endpoint;
    }

    private static HubKey load(Path file, TestPki.Issued issued) throws Exception {
        Files.write(file, issued.pkcs12("key", PASSWORD));
        return HubKey.load(file, PASSWORD);
    }

    @AfterAll
    static void stop() {
        published.stop();
        stranger.stop();
    }

    @BeforeEach
    void configure() {
        GATEWAY.received.clear();
        GATEWAY.failNext.set(0);
        transport.hubKey = hubKey;
        transport.connectTimeout = "PT2S";
        transport.receiveTimeout = "PT5S";
    }

    @Test
    void theDocumentArrivesUnchangedAndTheSignedAcknowledgementIsReturned() {
        DeliveredDocument document = document("OH-1");

        PushOutcome outcome = transport.push(ADDRESS, document, 2, Set.of(gatewayKey.fingerprint()));

        assertThat(outcome.succeeded()).as(outcome.failure()).isTrue();
        assertThat(outcome.acknowledgement()).isEqualTo(AcknowledgementKind.OK_WITH_WARNINGS);
        assertThat(outcome.text()).isEqualTo("stored; consignee address abbreviated");
        assertThat(GATEWAY.received).hasSize(1);
        DeliverDocumentRequest received = GATEWAY.received.get(0);
        assertThat(received.getAttempt()).isEqualTo(2);
        assertThat(received.getDocument().getPayload().getContent()).isEqualTo(document.payload());
        assertThat(received.getDocument().getPayloadSha256()).isEqualTo(document.payloadSha256());
        assertThat(received.getDocument().getEnvelope().getIssuerCoNumber()).isEqualTo("KE-2026-0001");
        assertThat(received.getDocument().getEnvelope().getReference()).hasSize(1);
        assertThat(received.getDocument().getSenderCertificateSha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void anAcknowledgementSignedByAKeyThatIsNotTheRecipientsIsAFailedAttempt() {
        PushOutcome outcome = transport.push(STRANGER_ADDRESS, document("OH-2"), 1,
                Set.of(gatewayKey.fingerprint()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).contains("not signed by its registered certificate");
    }

    @Test
    void aFaultFromTheGatewayIsAFailedAttemptCarryingItsCode() {
        GATEWAY.failNext.set(1);

        PushOutcome outcome = transport.push(ADDRESS, document("OH-3"), 1, Set.of(gatewayKey.fingerprint()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).contains("ServiceUnavailable");
    }

    @Test
    void anUnreachableEndpointIsAFailedAttempt() {
        PushOutcome outcome = transport.push("http://127.0.0.1:9/push", document("OH-4"), 1,
                Set.of(gatewayKey.fingerprint()));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).isNotBlank().doesNotContain("Exception:").doesNotContain("\tat ");
    }

    @Test
    void aGatewayThatTakesTheConnectionButNeverAnswersIsAFailedAttemptAfterTheReceiveTimeout() throws Exception {
        transport.receiveTimeout = "PT1S";
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (java.io.IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            }, "silent-gateway");
            acceptor.start();

            PushOutcome outcome = transport.push("http://127.0.0.1:" + silent.getLocalPort() + "/push",
                    document("OH-6"), 1, Set.of(gatewayKey.fingerprint()));

            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.failure()).isEqualTo("the gateway did not answer in time");
        }
    }

    @Test
    void aGatewayWithoutCertificatesIsNeverCalled() {
        PushOutcome outcome = transport.push(ADDRESS, document("OH-5"), 1, Set.of());

        assertThat(outcome.succeeded()).isFalse();
        assertThat(GATEWAY.received).isEmpty();
    }

    private static DeliveredDocument document(String trackingNumber) {
        EnvelopeData envelope = new EnvelopeData("TZ", "KE", "EAC-CU", DocumentType.CERTIFICATE_OF_ORIGIN,
                DocumentFunction.REPLACE, "KE-2026-0001", "msg-" + trackingNumber,
                List.of(Reference.coNumber("KE-2025-0999")), null, null);
        byte[] payload = "<?xml version='1.0'?>\r\n<co:CertificateOfOrigin xmlns:co='urn:originhub:co:v1'/>  "
                .getBytes(StandardCharsets.UTF_8);
        return new DeliveredDocument(trackingNumber, Instant.parse("2026-12-01T10:15:30.123456Z"), envelope,
                "application/xml", payload, "cd".repeat(32), "ab".repeat(32));
    }

    /** Records what it receives; answers OK with warnings, or a ServiceUnavailable fault when told to fail. */
    @WebService(serviceName = "GatewayPushService", portName = "GatewayPushPort",
            targetNamespace = "urn:originhub:gateway:v1",
            endpointInterface = "org.originhub.soap.contract.gatewaypush.GatewayPushPortType",
            wsdlLocation = "classpath:wsdl/gateway-push.wsdl")
    public static class RecordingGateway implements GatewayPushPortType {

        final List<DeliverDocumentRequest> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failNext = new AtomicInteger();

        @Override
        public DeliverDocumentResponse deliverDocument(DeliverDocumentRequest request) {
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new RequestFault("ServiceUnavailable", "maintenance window");
            }
            received.add(request);
            DeliverDocumentResponse response = new DeliverDocumentResponse();
            response.setTrackingNumber(request.getDocument().getTrackingNumber());
            Acknowledgement acknowledgement = new Acknowledgement();
            acknowledgement.setKind(org.originhub.soap.contract.envelope.AcknowledgementKind.OK_WITH_WARNINGS);
            acknowledgement.setText("stored; consignee address abbreviated");
            response.setAcknowledgement(acknowledgement);
            return response;
        }
    }
}
