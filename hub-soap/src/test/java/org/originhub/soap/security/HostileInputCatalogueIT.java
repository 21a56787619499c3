package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.exchange.Documents;
import org.originhub.hub.exchange.Envelopes;
import org.originhub.hub.exchange.ExchangeWorld;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.testing.TestPki;
import org.originhub.soap.security.ExchangeHub.Gateway;
import org.originhub.soap.security.ExchangeHub.Snapshot;
import org.originhub.soap.security.LocalHub.Reply;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The hostile-input catalogue (docs/reliability.md): every case sends its input through the real SOAP pipeline to
 * the real exchange on the embedded MariaDB and checks the specific fault code, that the fault leaks nothing
 * internal and is signed by the hub, that nothing was stored or queued for delivery, and that the refusal is in the
 * audit log (REQUEST_REJECTED from the pipeline, DOCUMENT_REJECTED from the exchange). Test names are the catalogue's
 * case names.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputCatalogueIT {

    static final String SOAP11 = SignedRequest.SOAP11_NS;
    private static ExchangeHub hub;
    private Gateway kenya;
    private Gateway tanzania;
    private String agreement;
    private Snapshot before;
    private long pendingBefore;

    @BeforeAll
    static void start(DataSource dataSource, @TempDir Path keys) throws Exception {
        hub = new ExchangeHub(dataSource, keys);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void community() {
        kenya = hub.member();
        tanzania = hub.member();
        agreement = hub.world.agreement(kenya.member(), tanzania.member());
        mark();
    }

    // ================================================================== malformed requests

    @Test
    void malformedXml() {
        Reply reply = hub.send(utf8("<soapenv:Envelope xmlns:soapenv=\"" + SOAP11 + "\"><soapenv:Body>"
                + "<ex:SubmitDocumentRequest xmlns:ex=\"urn:originhub:exchange:v1\"></soapenv:Body>"));

        assertRefusedByPipeline(reply, FaultCode.INVALID_REQUEST);
    }

    @Test
    void notXmlAtAll() {
        byte[] garbage = new byte[512];
        new java.util.Random(42).nextBytes(garbage);

        assertRefusedByPipeline(hub.send(garbage), FaultCode.INVALID_REQUEST);
    }

    @Test
    void emptyRequest() {
        assertRefusedByPipeline(hub.send(new byte[0]), FaultCode.INVALID_REQUEST);
    }

    @Test
    void wrongEnvelopeNamespace() {
        String signed = text(signedCo("KE-NS-1"));
        Reply reply = hub.send(utf8(signed.replace(SOAP11, "urn:attacker:soap-envelope")));

        assertRefusedByPipeline(reply, FaultCode.INVALID_REQUEST);
    }

    @Test
    void soap12Envelope() {
        String signed = text(signedCo("KE-S12-1"));
        Reply reply = hub.send(utf8(signed.replace(SOAP11, "http://www.w3.org/2003/05/soap-envelope")));

        assertRefusedWithCode(reply, FaultCode.INVALID_REQUEST_CODE);
        assertNothingStored();
        assertAudited("REQUEST_REJECTED", FaultCode.INVALID_REQUEST_CODE);
    }

    @Test
    void unknownOperation() {
        Document request = SignedRequest.signedBy(kenya.certificate())
                .bodyXml("<ex:DropAllTables xmlns:ex=\"urn:originhub:exchange:v1\"/>").build();

        assertRefusedByPipeline(hub.send(request), FaultCode.INVALID_REQUEST);
    }

    @Test
    void wrongBodyNamespace() {
        String body = ExchangeHub.submitBody(co("KE-WNS-1")).replace("urn:originhub:exchange:v1",
                "urn:originhub:exchange:v2");
        Document request = SignedRequest.signedBy(kenya.certificate()).bodyXml(body).build();

        assertRefusedByPipeline(hub.send(request), FaultCode.INVALID_REQUEST);
    }

    @Test
    void envelopeMissingItsPayload() {
        String body = ExchangeHub.submitBody(co("KE-NOPAY-1"));
        body = body.substring(0, body.indexOf("<ex:Payload>")) + "</ex:SubmitDocumentRequest>";
        Document request = SignedRequest.signedBy(kenya.certificate()).bodyXml(body).build();

        Reply reply = hub.send(request);

        assertRefusedWithCode(reply, FaultCode.INVALID_REQUEST_CODE);
        assertNothingStored();
        assertAudited("REQUEST_REJECTED", FaultCode.INVALID_REQUEST_CODE);
    }

    // ================================================================== missing header parts

    @Test
    void noSecurityHeader() {
        Document request = SignedRequest.unsecured().bodyXml(ExchangeHub.submitBody(co("KE-NOSEC-1"))).build();

        assertRefusedByPipeline(hub.send(request), FaultCode.SECURITY_HEADER_MISSING);
    }

    @Test
    void noTimestamp() {
        Document request = SignedRequest.signedBy(kenya.certificate()).withoutTimestamp()
                .bodyXml(ExchangeHub.submitBody(co("KE-NOTS-1"))).build();

        assertRefusedByPipeline(hub.send(request), FaultCode.TIMESTAMP_MISSING);
    }

    @Test
    void noSignature() {
        Document request = SignedRequest.signedBy(kenya.certificate()).withoutSignature()
                .bodyXml(ExchangeHub.submitBody(co("KE-NOSIG-1"))).build();

        assertRefusedByPipeline(hub.send(request), FaultCode.SIGNATURE_MISSING);
    }

    @Test
    void noBinarySecurityToken() {
        Document request = signedCo("KE-NOBST-1");
        Element token = (Element) request.getElementsByTagNameNS(
                "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
                "BinarySecurityToken").item(0);
        token.getParentNode().removeChild(token);

        assertRefusedByPipeline(hub.send(request), FaultCode.SIGNER_TOKEN_INVALID);
    }

    /** Found by SoapIntakeFuzzIT (seed 20261201, case 11): was InternalError. */
    @Test
    void binarySecurityTokenThatIsNotBase64() {
        Document request = signedCo("KE-BST-B64");
        Element token = (Element) request.getElementsByTagNameNS(
                "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
                "BinarySecurityToken").item(0);
        token.setTextContent(token.getTextContent().substring(0, 101));

        assertRefusedByPipeline(hub.send(request), FaultCode.SECURITY_HEADER_INVALID);
    }

    // ================================================================== size

    @Test
    void oversizedMessageDeclared() {
        byte[] request = SignedRequest.bytes(signedCo("KE-BIG-1"));

        Reply reply = hub.send(request, Map.of("Content-Length", List.of(Long.toString(
                SecurityPipeline.DEFAULT_MAX_MESSAGE_BYTES + 1))));

        assertRefusedByPipeline(reply, FaultCode.TOO_LARGE);
    }

    @Test
    void oversizedPayload() {
        Object limit = field(hub.world.intake, "maxMessageBytes");
        setField(hub.world.intake, "maxMessageBytes", 4096L);
        try {
            String text = new String(Documents.co(kenya.code(), "KE-BIG-2", agreement), StandardCharsets.UTF_8)
                    .replace("Tea, black, fermented", "Tea ".repeat(2000));
            Reply reply = hub.submit(kenya, Envelopes.xml(co("KE-BIG-2").envelope(), utf8(text)));

            assertRefusedByExchange(reply, "TooLarge");
        } finally {
            setField(hub.world.intake, "maxMessageBytes", limit);
        }
    }

    // ================================================================== XML attacks

    @Test
    void xxeFileInSoapEnvelope(@TempDir Path dir) throws IOException {
        String canary = "CANARY-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.txt"), canary);
        String signed = withoutDeclaration(text(signedCo("KE-XXE-1")));
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>" + signed.replace(">KE-XXE-1<", ">&xxe;<");

        Reply reply = hub.send(utf8(hostile));

        assertRefusedByPipeline(reply, FaultCode.INVALID_REQUEST);
        assertCanaryNowhere(reply, canary);
    }

    @Test
    void xxeNetworkInSoapEnvelope() throws Exception {
        try (Listener listener = new Listener()) {
            String signed = withoutDeclaration(text(signedCo("KE-XXE-2")));
            String hostile = "<?xml version=\"1.0\"?><!DOCTYPE soapenv:Envelope SYSTEM \"" + listener.url("dtd")
                    + "\" [<!ENTITY xxe SYSTEM \"" + listener.url("entity") + "\">]>"
                    + signed.replace(">KE-XXE-2<", ">&xxe;<");

            Reply reply = hub.send(utf8(hostile));

            assertRefusedByPipeline(reply, FaultCode.INVALID_REQUEST);
            assertThat(listener.connections()).as("connections the hub opened").isZero();
        }
    }

    @Test
    void xxeFileInPayload(@TempDir Path dir) throws IOException {
        String canary = "CANARY-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.txt"), canary);
        byte[] payload = withDoctype(Documents.co(kenya.code(), "KE-XXE-3", agreement),
                "<!DOCTYPE CertificateOfOrigin [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
                "Tea, black, fermented", "&xxe;");

        Reply reply = hub.submit(kenya, Envelopes.xml(co("KE-XXE-3").envelope(), payload));

        assertRefusedByExchange(reply, "SchemaInvalid");
        assertCanaryNowhere(reply, canary);
    }

    @Test
    void xxeNetworkInPayload() throws Exception {
        try (Listener listener = new Listener()) {
            byte[] payload = withDoctype(Documents.co(kenya.code(), "KE-XXE-4", agreement),
                    "<!DOCTYPE CertificateOfOrigin SYSTEM \"" + listener.url("dtd") + "\" [<!ENTITY % remote SYSTEM \""
                    + listener.url("param") + "\"> %remote; <!ENTITY xxe SYSTEM \"" + listener.url("entity")
                    + "\">]>", "Tea, black, fermented", "&xxe;");

            Reply reply = hub.submit(kenya, Envelopes.xml(co("KE-XXE-4").envelope(), payload));

            assertRefusedByExchange(reply, "SchemaInvalid");
            assertThat(listener.connections()).as("connections the hub opened").isZero();
        }
    }

    @Test
    void billionLaughsInSoapEnvelope() {
        String signed = withoutDeclaration(text(signedCo("KE-LOL-1")));
        String hostile = "<?xml version=\"1.0\"?>" + LAUGHS.replace("ROOT", "soapenv:Envelope")
                + signed.replace(">KE-LOL-1<", ">&lol9;<");

        long start = System.nanoTime();
        Reply reply = hub.send(utf8(hostile));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertRefusedByPipeline(reply, FaultCode.INVALID_REQUEST);
        assertThat(reply.raw().length).isLessThan(20_000);
    }

    @Test
    void billionLaughsInPayload() {
        byte[] payload = withDoctype(Documents.co(kenya.code(), "KE-LOL-2", agreement),
                LAUGHS.replace("ROOT", "CertificateOfOrigin"), "Tea, black, fermented", "&lol9;");

        long start = System.nanoTime();
        Reply reply = hub.submit(kenya, Envelopes.xml(co("KE-LOL-2").envelope(), payload));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertRefusedByExchange(reply, "SchemaInvalid");
    }

    @Test
    void harmlessDtdInSoapEnvelope() {
        String signed = withoutDeclaration(text(signedCo("KE-DTD-1")));
        Reply reply = hub.send(utf8("<!DOCTYPE soapenv:Envelope [<!ELEMENT soapenv:Envelope ANY>]>" + signed));

        assertRefusedByPipeline(reply, FaultCode.INVALID_REQUEST);
    }

    @Test
    void harmlessDtdInPayload() {
        byte[] payload = withDoctype(Documents.co(kenya.code(), "KE-DTD-2", agreement),
                "<!DOCTYPE CertificateOfOrigin [<!ELEMENT CertificateOfOrigin ANY>]>", "", "");

        assertRefusedByExchange(hub.submit(kenya, Envelopes.xml(co("KE-DTD-2").envelope(), payload)),
                "SchemaInvalid");
    }

    @Test
    void deepNestingInSoapHeader() {
        String signed = text(signedCo("KE-DEEP-1"));
        int header = signed.indexOf('>', signed.indexOf("Header")) + 1;
        String deep = "<a:n xmlns:a=\"urn:attacker\">".repeat(5000) + "</a:n>".repeat(5000);

        assertRefusedByPipeline(hub.send(utf8(signed.substring(0, header) + deep + signed.substring(header))),
                FaultCode.INVALID_REQUEST);
    }

    @Test
    void deepNestingInPayload() {
        String deep = "<x>".repeat(5000) + "</x>".repeat(5000);
        byte[] payload = utf8(new String(Documents.co(kenya.code(), "KE-DEEP-2", agreement),
                StandardCharsets.UTF_8).replace("<Preferential>", deep + "<Preferential>"));

        assertRefusedByExchange(hub.submit(kenya, Envelopes.xml(co("KE-DEEP-2").envelope(), payload)),
                "SchemaInvalid");
    }

    @Test
    void hugeAttributeValueInSoapEnvelope() {
        Document request = signedCo("KE-ATTR-1");
        SignedRequest.header(request).setAttributeNS("urn:attacker", "a:huge", "A".repeat(2_000_000));

        Reply reply = hub.send(request);

        assertRefusedWithCode(reply, reply.faultCode().getLocalPart());
        assertThat(reply.faultCode().getLocalPart()).isIn(FaultCode.INVALID_REQUEST_CODE, FaultCode.SECURITY_ERROR);
        assertNothingStored();
        assertAudited("REQUEST_REJECTED", reply.faultCode().getLocalPart());
    }

    @Test
    void hugeAttributeValueInPayload() {
        byte[] payload = utf8(new String(Documents.co(kenya.code(), "KE-ATTR-2", agreement), StandardCharsets.UTF_8)
                .replace("<IssuePlace>", "<IssuePlace hostile=\"" + "A".repeat(1_000_000) + "\">"));

        assertRefusedByExchange(hub.submit(kenya, Envelopes.xml(co("KE-ATTR-2").envelope(), payload)),
                "SchemaInvalid");
    }

    @Test
    void invalidUtf8InSoapEnvelope() {
        byte[] request = SignedRequest.bytes(signedCo("KE-UTF-1"));
        byte[] broken = replaceFirst(request, utf8("KE-UTF-1"), new byte[] {'K', 'E', (byte) 0xC3, (byte) 0x28,
            (byte) 0xFF, '-', '1', '1'});

        assertRefusedByPipeline(hub.send(broken), FaultCode.INVALID_REQUEST);
    }

    @Test
    void invalidUtf8InPayload() {
        byte[] payload = replaceFirst(Documents.co(kenya.code(), "KE-UTF-2", agreement), utf8("Tea, black"),
                new byte[] {'T', (byte) 0xC3, (byte) 0x28, (byte) 0xFE, (byte) 0xFF, ',', ' ', 'b', 'l', 'k'});

        assertRefusedByExchange(hub.submit(kenya, Envelopes.xml(co("KE-UTF-2").envelope(), payload)),
                "SchemaInvalid");
    }

    // ================================================================== signature wrapping

    @Test
    void wrappingBodyMovedIntoHeader() {
        Document request = signedCo("KE-WRAP-1");
        Element signedBody = SignedRequest.body(request);
        Element wrapper = request.createElementNS("urn:attacker", "a:Wrapper");
        SignedRequest.header(request).appendChild(wrapper);
        wrapper.appendChild(signedBody);
        request.getDocumentElement().appendChild(forgedBody(request, "KE-WRAP-FORGED"));

        assertRefusedByPipeline(hub.send(request), FaultCode.ENVELOPE_INVALID);
    }

    @Test
    void wrappingDuplicatedBodyForgeryAfterTheSignedOne() {
        Document request = signedCo("KE-WRAP-2");
        request.getDocumentElement().appendChild(forgedBody(request, "KE-WRAP-FORGED2"));

        assertRefusedByPipeline(hub.send(request), FaultCode.ENVELOPE_INVALID);
    }

    @Test
    void wrappingDuplicatedBodyForgeryBeforeTheSignedOne() {
        Document request = signedCo("KE-WRAP-6");
        Element signedBody = SignedRequest.body(request);
        request.getDocumentElement().insertBefore(forgedBody(request, "KE-WRAP-FORGED6"), signedBody);

        assertRefusedByPipeline(hub.send(request), FaultCode.ENVELOPE_INVALID, FaultCode.BODY_NOT_SIGNED,
                FaultCode.SIGNATURE_INVALID);
    }

    @Test
    void wrappingSignedBodyInsideAForgedBody() {
        Document request = signedCo("KE-WRAP-3");
        Element signedBody = SignedRequest.body(request);
        Element envelope = request.getDocumentElement();
        Element forged = forgedBody(request, "KE-WRAP-FORGED3");
        envelope.replaceChild(forged, signedBody);
        Element wrapper = request.createElementNS("urn:attacker", "a:Wrapper");
        forged.appendChild(wrapper);
        wrapper.appendChild(signedBody);

        assertRefusedByPipeline(hub.send(request), FaultCode.ENVELOPE_INVALID);
    }

    @Test
    void wrappingSecondSecurityHeader() {
        Document request = signedCo("KE-WRAP-4");
        Element security = (Element) request.getElementsByTagNameNS(
                "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd", "Security")
                .item(0);
        SignedRequest.header(request).appendChild(security.cloneNode(true));

        assertRefusedByPipeline(hub.send(request), FaultCode.SECURITY_HEADER_INVALID);
    }

    @Test
    void wrappingDuplicateIdAttribute() {
        Document request = signedCo("KE-WRAP-5");
        Element signedBody = SignedRequest.body(request);
        String wsuNs = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
        // The signed Body's copy, with its wsu:Id, hidden in the header; the real Body altered
        Element copy = (Element) signedBody.cloneNode(true);
        Element wrapper = request.createElementNS("urn:attacker", "a:Wrapper");
        wrapper.appendChild(request.importNode(copy.getFirstChild(), true));
        wrapper.setAttributeNS(wsuNs, "wsu:Id", signedBody.getAttributeNS(wsuNs, "Id"));
        SignedRequest.header(request).appendChild(wrapper);
        Element coNumber = (Element) signedBody.getElementsByTagNameNS(ExchangeHub.ENVELOPE_NS, "IssuerCoNumber")
                .item(0);
        coNumber.setTextContent("KE-WRAP-FORGED5");

        assertRefusedByPipeline(hub.send(request), FaultCode.SECURITY_HEADER_INVALID, FaultCode.SIGNATURE_INVALID);
    }

    @Test
    void tamperedPayloadAfterSigning() {
        Document request = signedCo("KE-TAMPER-1");
        Element content = (Element) request.getElementsByTagNameNS(ExchangeHub.ENVELOPE_NS, "Content").item(0);
        byte[] altered = utf8(new String(Documents.co(kenya.code(), "KE-TAMPER-1", agreement),
                StandardCharsets.UTF_8).replace("<NumberOfPackages>40", "<NumberOfPackages>4000"));
        content.setTextContent(Base64.getEncoder().encodeToString(altered));

        assertRefusedByPipeline(hub.send(request), FaultCode.SIGNATURE_INVALID);
    }

    // ================================================================== signers

    @Test
    void signedByRevokedCertificate() {
        hub.registry().run(h -> h.gateways.revokeCertificate(ExchangeWorld.ADMIN, kenya.member().fingerprint(),
                "key compromise"));

        assertRefusedByPipeline(hub.submit(kenya, co("KE-REV-1")), FaultCode.CERTIFICATE_REVOKED);
    }

    @Test
    void signedByExpiredCertificate() throws InterruptedException {
        Gateway old = hub.memberWithExpiredCertificate();
        String fta = hub.world.agreement(old.member(), tanzania.member());
        mark();

        Reply reply = hub.submit(old, Envelopes.co(old.member(), tanzania.member(), fta, "OLD-1"));

        assertRefusedByPipeline(reply, FaultCode.CERTIFICATE_EXPIRED);
    }

    @Test
    void signedBySuspendedGateway() {
        hub.registry().run(h -> h.gateways.suspend(ExchangeWorld.ADMIN, kenya.member().gatewayId(), "audit"));

        assertRefusedByPipeline(hub.submit(kenya, co("KE-SUSP-1")), FaultCode.GATEWAY_SUSPENDED);
    }

    @Test
    void signedBySuspendedMember() {
        hub.registry().run(h -> h.memberStates.suspend(ExchangeWorld.ADMIN, kenya.code(), "sanctions"));

        assertRefusedByPipeline(hub.submit(kenya, co("KE-SUSP-2")), FaultCode.MEMBER_SUSPENDED);
    }

    @Test
    void signedByUnknownCertificate() {
        Gateway stranger = new Gateway(kenya.member(), TestPki.leaf(ExchangeWorld.ca(), "CN=stranger").build());

        assertRefusedByPipeline(hub.submit(stranger, co("KE-UNK-1")), FaultCode.CERTIFICATE_NOT_REGISTERED);
    }

    @Test
    void signedBySelfSignedCertificate() {
        Gateway forger = new Gateway(kenya.member(), TestPki.selfSigned("CN=gw." + kenya.code().toLowerCase()
                + ",O=Hostile Input Test").build());

        assertRefusedByPipeline(hub.submit(forger, co("KE-SELF-1")), FaultCode.CERTIFICATE_NOT_TRUSTED);
    }

    @Test
    void validSignatureNotCoveringTheBody() {
        Document request = SignedRequest.signedBy(kenya.certificate()).bodyUnsigned()
                .bodyXml(ExchangeHub.submitBody(co("KE-NOBODY-1"))).build();

        assertRefusedByPipeline(hub.send(request), FaultCode.BODY_NOT_SIGNED);
    }

    @Test
    void expiredTimestamp() {
        Document request = SignedRequest.signedBy(kenya.certificate()).clockOffset(Duration.ofMinutes(-10))
                .bodyXml(ExchangeHub.submitBody(co("KE-OLDTS-1"))).build();

        assertRefusedByPipeline(hub.send(request), FaultCode.TIMESTAMP_EXPIRED);
    }

    @Test
    void futureTimestamp() {
        Document request = SignedRequest.signedBy(kenya.certificate()).clockOffset(Duration.ofMinutes(5))
                .bodyXml(ExchangeHub.submitBody(co("KE-NEWTS-1"))).build();

        assertRefusedByPipeline(hub.send(request), FaultCode.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void replay() {
        byte[] request = SignedRequest.bytes(signedCo("KE-REPLAY-1"));
        Reply first = hub.send(request);
        assertThat(first.isFault()).as(first.text()).isFalse();
        mark();

        Reply again = hub.send(request);

        assertRefusedByPipeline(again, FaultCode.REPLAY);
        assertThat(hub.count("SELECT COUNT(*) FROM exchange_message WHERE co_number = ?", "KE-REPLAY-1"))
                .isEqualTo(1);
    }

    // ================================================================== routing and business rules

    @Test
    void fromSpoofing() {
        Submission spoofed = Envelopes.co(tanzania.member(), kenya.member(), agreement, "TZ-SPOOF-1");

        assertRefusedByExchange(hub.submit(kenya, spoofed), "SenderMismatch");
    }

    @Test
    void unknownRecipient() {
        Submission submission = Envelopes.with(co("KE-NOONE-1"), envelope(kenya.code(), "ZZ", agreement,
                "KE-NOONE-1"));

        assertRefusedByExchange(hub.submit(kenya, submission), "UnknownRecipient");
    }

    @Test
    void recipientNotParty() {
        Gateway uganda = hub.member();
        mark();

        assertRefusedByExchange(hub.submit(kenya, Envelopes.co(kenya.member(), uganda.member(), agreement,
                "KE-UG-1")), "NotParty");
    }

    @Test
    void typeNotAllowed() {
        Gateway picky = hub.member(DeliveryMode.PULL, List.of("SEND:CERTIFICATE_OF_ORIGIN"));
        String fta = hub.world.agreement(kenya.member(), picky.member());
        mark();

        assertRefusedByExchange(hub.submit(kenya, Envelopes.co(kenya.member(), picky.member(), fta, "KE-PICKY-1")),
                "TypeNotAllowed");
    }

    @Test
    void mediaTypeNotXml() {
        Submission pdf = new Submission(co("KE-PDF-1").envelope(), "application/pdf", utf8("%PDF-1.7"));

        assertRefusedByExchange(hub.submit(kenya, pdf), "TypeNotAllowed");
    }

    @Test
    void duplicateCoNumber() {
        Reply first = hub.submit(kenya, co("KE-DUP-1"));
        assertThat(first.isFault()).as(first.text()).isFalse();
        mark();

        assertRefusedByExchange(hub.submit(kenya, co("KE-DUP-1")), "Duplicate");
    }

    @Test
    void replacementOfUnknownCo() {
        Submission replacement = Envelopes.replacement(kenya.member(), tanzania.member(), agreement, "KE-R-1",
                "KE-NEVER-ISSUED");

        assertRefusedByExchange(hub.submit(kenya, replacement), "UnknownReference");
    }

    @Test
    void cancellationByAnotherIssuer() {
        Gateway uganda = hub.member();
        String fta = hub.world.agreement(kenya.member(), tanzania.member(), uganda.member());
        Reply issued = hub.submit(kenya, Envelopes.co(kenya.member(), tanzania.member(), fta, "KE-CAN-1"));
        assertThat(issued.isFault()).as(issued.text()).isFalse();
        mark();
        // Uganda tries to withdraw Kenya's certificate, naming it in its envelope and payload
        Submission cancellation = Envelopes.xml(new EnvelopeData(uganda.code(), tanzania.code(), fta,
                DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.CANCEL, "KE-CAN-1", Envelopes.messageId(),
                List.of(Reference.coNumber("KE-CAN-1")), null, null), Documents.cancellation(uganda.code(),
                "KE-CAN-1"));

        assertRefusedByExchange(hub.submit(uganda, cancellation), "UnknownReference");
        assertThat(hub.strings("SELECT status FROM co_register WHERE co_number = ?", "KE-CAN-1"))
                .containsExactly("ISSUED");
    }

    @Test
    void schemaInvalidCo() {
        byte[] payload = utf8(new String(Documents.co(kenya.code(), "KE-BAD-1", agreement), StandardCharsets.UTF_8)
                .replace("<HsCode>090230</HsCode>", "<HsCode>tea</HsCode>"));

        assertRefusedByExchange(hub.submit(kenya, Envelopes.xml(co("KE-BAD-1").envelope(), payload)),
                "SchemaInvalid");
    }

    @Test
    void payloadThatIsNotXml() {
        Reply reply = hub.submit(kenya, Envelopes.xml(co("KE-NOTXML-1").envelope(), utf8("'; DROP TABLE x; --")));

        assertRefusedByExchange(reply, "SchemaInvalid");
    }

    // ================================================================== injection strings, stored literally

    /** Both fit the shortest free-text type of the CO schema (Text70). */
    static final String SQL = "x'); DROP TABLE exchange_message; --";
    static final String HTML = "<script>alert(1)</script>";

    @Test
    void injectionStringsInEveryPayloadTextFieldAreStoredByteForByte() {
        String text = new String(Documents.co(kenya.code(), "KE-INJ-1", agreement), StandardCharsets.UTF_8);
        List<String> fields = List.of("IssuePlace", "Name", "Line", "City", "Description", "MarksAndNumbers");
        String hostile = text;
        for (String field : fields) {
            hostile = hostile.replaceAll("<" + field + ">[^<]*</" + field + ">", "<" + field + ">"
                    + ExchangeHub.escape(SQL + " " + HTML) + "</" + field + ">");
        }
        assertThat(hostile).as("the fixture has the free-text fields").isNotEqualTo(text);
        byte[] payload = utf8(hostile);

        Reply reply = hub.submit(kenya, Envelopes.xml(co("KE-INJ-1").envelope(), payload));

        assertThat(reply.isFault()).as(reply.text()).isFalse();
        String tracking = text(reply.document(), "TrackingNumber");
        byte[] stored = hub.bytes("SELECT p.content FROM exchange_payload p JOIN exchange_message m "
                + "ON m.id = p.message_id WHERE m.tracking_number = ?", tracking);
        assertThat(stored).isEqualTo(payload);
        assertThat(hub.count("SELECT COUNT(*) FROM exchange_message")).isEqualTo(before.messages() + 1);
        assertThat(hub.auditsSince(before)).anyMatch(a -> a.startsWith("DOCUMENT_RECEIVED SUCCESS"));
    }

    @Test
    void injectionStringInSenderMessageIdIsStoredLiterally() {
        String id = "x');DROP/**/TABLE/**/audit_record;--<script>alert(1)</script>";
        Submission submission = Envelopes.with(co("KE-INJ-2"), Envelopes.withMessageId(co("KE-INJ-2").envelope(),
                id));

        Reply reply = hub.submit(kenya, submission);

        assertThat(reply.isFault()).as(reply.text()).isFalse();
        assertThat(hub.strings("SELECT sender_message_id FROM exchange_message WHERE co_number = ?", "KE-INJ-2"))
                .containsExactly(id);
        String tracking = text(reply.document(), "TrackingNumber");
        assertThat(hub.count("SELECT COUNT(*) FROM audit_record WHERE action = 'DOCUMENT_RECEIVED' AND "
                + "tracking_number = ?", tracking)).isEqualTo(1);
    }

    @Test
    void injectionStringInAnEnvelopeCodeIsRefusedAndAuditedAsText() {
        String number = "KE'--<b>";
        Submission submission = Envelopes.with(co("KE-INJ-3"), envelope(kenya.code(), tanzania.code(), agreement,
                number));

        Reply reply = hub.submit(kenya, submission);

        assertRefusedByExchange(reply, "InvalidRequest");
        assertThat(reply.faultString()).contains(number);
        assertThat(hub.auditsSince(before)).anyMatch(a -> a.contains(number));
    }

    @Test
    void injectionStringInAcknowledgementTextIsStoredLiterally() {
        Reply submitted = hub.submit(kenya, co("KE-INJ-4"));
        String tracking = text(submitted.document(), "TrackingNumber");
        String ackText = SQL + " " + HTML;
        Document ack = SignedRequest.signedBy(tanzania.certificate()).bodyXml("<ex:AcknowledgeDeliveryRequest "
                + "xmlns:ex=\"urn:originhub:exchange:v1\" xmlns:env=\"urn:originhub:envelope:v1\"><ex:TrackingNumber>"
                + tracking + "</ex:TrackingNumber><ex:Acknowledgement><env:Kind>OK_WITH_WARNINGS</env:Kind><env:Text>"
                + ExchangeHub.escape(ackText) + "</env:Text></ex:Acknowledgement></ex:AcknowledgeDeliveryRequest>")
                .build();

        Reply reply = hub.send(ack);

        assertThat(reply.isFault()).as(reply.text()).isFalse();
        assertThat(hub.strings("SELECT ack_text FROM exchange_message WHERE tracking_number = ?",
                tracking)).containsExactly(ackText);
        assertThat(hub.strings("SELECT delivery_status FROM exchange_message WHERE tracking_number = ?", tracking))
                .containsExactly("DELIVERED_WITH_WARNINGS");
    }

    @Test
    void severalDocumentsAreAcknowledgedInOneSignedRequestAndMoreThanFiftyAreRefused() {
        // contract 1.1: TrackingNumber repeats in AcknowledgeDeliveryRequest; the answer lists them, then their statuses
        String first = text(hub.submit(kenya, co("KE-ACK-11")).document(), "TrackingNumber");
        String second = text(hub.submit(kenya, co("KE-ACK-12")).document(), "TrackingNumber");

        Reply reply = hub.send(acknowledgement(List.of(second, first)));
        Reply tooMany = hub.send(acknowledgement(java.util.Collections.nCopies(101, first)));

        assertThat(reply.isFault()).as(reply.text()).isFalse();
        org.w3c.dom.NodeList numbers = reply.document().getElementsByTagNameNS(ExchangeHub.EXCHANGE_NS,
                "TrackingNumber");
        org.w3c.dom.NodeList statuses = reply.document().getElementsByTagNameNS(ExchangeHub.EXCHANGE_NS,
                "DeliveryStatus");
        assertThat(List.of(numbers.item(0).getTextContent(), numbers.item(1).getTextContent()))
                .containsExactly(second, first);
        assertThat(statuses.getLength()).isEqualTo(2);
        assertThat(hub.strings("SELECT delivery_status FROM exchange_message WHERE tracking_number IN (?, ?)", first,
                second)).containsExactly("DELIVERED", "DELIVERED");
        assertThat(tooMany.isFault()).isTrue();
        assertThat(tooMany.faultString()).contains("1 to 100 tracking numbers");
    }

    private Document acknowledgement(List<String> trackingNumbers) {
        StringBuilder numbers = new StringBuilder();
        trackingNumbers.forEach(n -> numbers.append("<ex:TrackingNumber>").append(n).append("</ex:TrackingNumber>"));
        return SignedRequest.signedBy(tanzania.certificate()).bodyXml("<ex:AcknowledgeDeliveryRequest "
                + "xmlns:ex=\"urn:originhub:exchange:v1\" xmlns:env=\"urn:originhub:envelope:v1\">" + numbers
                + "<ex:Acknowledgement><env:Kind>OK</env:Kind></ex:Acknowledgement></ex:AcknowledgeDeliveryRequest>")
                .build();
    }

    @Test
    void validateDocumentWithHostilePayloadStoresNothing() {
        byte[] payload = withDoctype(Documents.co(kenya.code(), "KE-VAL-1", agreement),
                LAUGHS.replace("ROOT", "CertificateOfOrigin"), "Tea, black, fermented", "&lol9;");
        String body = ExchangeHub.submitBody(Envelopes.xml(co("KE-VAL-1").envelope(), payload))
                .replace("SubmitDocumentRequest", "ValidateDocumentRequest");

        Reply reply = hub.send(SignedRequest.signedBy(kenya.certificate()).bodyXml(body).build());

        assertThat(reply.isFault()).as(reply.text()).isFalse();
        assertThat(text(reply.document(), "Valid")).isEqualTo("false");
        assertThat(text(reply.document(), "Code")).isEqualTo("SchemaInvalid");
        assertNothingStored();
        assertThat(hub.auditsSince(before)).anyMatch(a -> a.startsWith("DOCUMENT_VALIDATED SUCCESS valid=false"));
    }

    // ================================================================== helpers

    private static final String LAUGHS = "<!DOCTYPE ROOT [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
            + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
            + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
            + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
            + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
            + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";

    /** What the database holds now: a refused request must leave it so. */
    private void mark() {
        before = hub.snapshot();
        pendingBefore = hub.count("SELECT COUNT(*) FROM exchange_message WHERE recipient_member = ? "
                + "AND delivery_status = 'PENDING_DELIVERY'", tanzania.code());
    }

    private Submission co(String number) {
        return Envelopes.co(kenya.member(), tanzania.member(), agreement, number);
    }

    private Document signedCo(String number) {
        return SignedRequest.signedBy(kenya.certificate()).bodyXml(ExchangeHub.submitBody(co(number))).build();
    }

    private static EnvelopeData envelope(String from, String to, String fta, String number) {
        return new EnvelopeData(from, to, fta, DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW, number,
                Envelopes.messageId(), List.of(), null, null);
    }

    private Element forgedBody(Document request, String number) {
        Element forged = request.createElementNS(SOAP11, "soapenv:Body");
        Document other = SignedRequest.parse("<w>" + ExchangeHub.submitBody(co(number)) + "</w>");
        forged.appendChild(request.importNode(other.getDocumentElement().getFirstChild(), true));
        return forged;
    }

    /** A refusal by the security pipeline: its code and reason, audited as REQUEST_REJECTED, nothing stored. */
    private void assertRefusedByPipeline(Reply reply, FaultCode... expected) {
        assertThat(reply.isFault()).as("a fault, got " + reply.text()).isTrue();
        List<String> reasons = new ArrayList<>();
        List<QName> codes = new ArrayList<>();
        for (FaultCode code : expected) {
            reasons.add(code.reason());
            codes.add(new QName(FaultCode.NAMESPACE, code.code()));
        }
        assertThat(reply.faultCode()).isIn(codes);
        assertThat(reply.faultString()).isIn(reasons);
        assertNoInternalDetail(reply);
        HubSignature.assertSignedByHub(reply.document(), hub.hubKey.certificate());
        assertNothingStored();
        assertAudited("REQUEST_REJECTED", reply.faultCode().getLocalPart());
    }

    /** A refusal by the exchange: its code, audited as DOCUMENT_REJECTED by the boundary, nothing stored. */
    private void assertRefusedByExchange(Reply reply, String code) {
        assertRefusedWithCode(reply, code);
        HubSignature.assertSignedByHub(reply.document(), hub.hubKey.certificate());
        assertNothingStored();
        assertAudited("DOCUMENT_REJECTED", code);
    }

    private void assertRefusedWithCode(Reply reply, String code) {
        assertThat(reply.isFault()).as("a fault, got " + reply.text()).isTrue();
        assertThat(reply.faultCode()).isEqualTo(new QName(FaultCode.NAMESPACE, code));
        assertNoInternalDetail(reply);
    }

    private void assertNothingStored() {
        Snapshot after = hub.snapshot();
        assertThat(after.messages()).as("exchange_message rows").isEqualTo(before.messages());
        assertThat(after.payloads()).as("exchange_payload rows").isEqualTo(before.payloads());
        assertThat(after.attempts()).as("delivery_attempt rows").isEqualTo(before.attempts());
        assertThat(after.cos()).as("co_register rows").isEqualTo(before.cos());
        assertThat(hub.strings("SELECT tracking_number FROM exchange_message WHERE recipient_member = ? "
                + "AND delivery_status = 'PENDING_DELIVERY'", tanzania.code())).as("documents queued for the recipient")
                .hasSize((int) pendingBefore);
    }

    /** Exactly one new audit record of the refusal, and it names the fault code. */
    private void assertAudited(String action, String code) {
        List<String> records = hub.auditsSince(before);
        assertThat(records).as("audit records of the refusal").filteredOn(r -> r.startsWith(action + " "))
                .singleElement().satisfies(r -> assertThat(r).startsWith(action + " REJECTED " + code + ": "));
    }

    private void assertCanaryNowhere(Reply reply, String canary) {
        assertThat(reply.text()).doesNotContain(canary);
        assertThat(hub.count("SELECT COUNT(*) FROM audit_record WHERE detail LIKE ?", "%" + canary + "%"))
                .isZero();
    }

    private static void assertNoInternalDetail(Reply reply) {
        String body = reply.document().getElementsByTagNameNS(SOAP11, "Body").item(0).getTextContent();
        assertThat(body).doesNotContain("Exception", "java.", "javax.", "jakarta.", "org.apache", "org.originhub",
                "WSS4J", "wss4j", "Caused by", "\tat ", "stackTrace", "SQL", "com.ctc", "woodstox");
        assertThat(reply.document().getElementsByTagName("detail").getLength()).isZero();
    }

    static String text(Document doc) {
        return new String(SignedRequest.bytes(doc), StandardCharsets.UTF_8);
    }

    static String text(Document doc, String localName) {
        org.w3c.dom.Node node = doc.getElementsByTagNameNS(ExchangeHub.EXCHANGE_NS, localName).item(0);
        assertThat(node).as(localName).isNotNull();
        return node.getTextContent();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String withoutDeclaration(String xml) {
        return xml.startsWith("<?xml") ? xml.substring(xml.indexOf("?>") + 2) : xml;
    }

    static byte[] withDoctype(byte[] document, String doctype, String replace, String with) {
        String text = withoutDeclaration(new String(document, StandardCharsets.UTF_8).strip());
        if (!replace.isEmpty()) {
            text = text.replace(replace, with);
        }
        return utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype + text);
    }

    static byte[] replaceFirst(byte[] data, byte[] target, byte[] replacement) {
        outer:
        for (int i = 0; i + target.length <= data.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (data[i + j] != target[j]) {
                    continue outer;
                }
            }
            byte[] out = new byte[data.length - target.length + replacement.length];
            System.arraycopy(data, 0, out, 0, i);
            System.arraycopy(replacement, 0, out, i, replacement.length);
            System.arraycopy(data, i + target.length, out, i + replacement.length, data.length - i - target.length);
            return out;
        }
        throw new AssertionError("target not found");
    }

    static Object field(Object target, String name) {
        try {
            java.lang.reflect.Field f = target.getClass().getSuperclass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static void setField(Object target, String name, Object value) {
        try {
            java.lang.reflect.Field f = target.getClass().getSuperclass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A loopback server that counts every connection made to it: XXE must never make the hub connect. */
    static final class Listener implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        Listener() throws IOException {
            server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            server.setSoTimeout(100);
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        connections.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "xxe-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + "/" + path;
        }

        /** Connections seen so far, after a grace period for late ones. */
        int connections() throws InterruptedException {
            Thread.sleep(300);
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
