package org.originhub.gatewaykit.client;

import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.originhub.gatewaykit.contract.envelope.Acknowledgement;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveredDocument;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.exchange.AcknowledgeDeliveryRequest;
import org.originhub.gatewaykit.contract.exchange.AcknowledgeDeliveryResponse;
import org.originhub.gatewaykit.contract.exchange.ExchangePortType;
import org.originhub.gatewaykit.contract.exchange.GetDocumentStatusRequest;
import org.originhub.gatewaykit.contract.exchange.GetDocumentStatusResponse;
import org.originhub.gatewaykit.contract.exchange.GetTrackingInfoRequest;
import org.originhub.gatewaykit.contract.exchange.HubReceipt;
import org.originhub.gatewaykit.contract.exchange.ListInboxRequest;
import org.originhub.gatewaykit.contract.exchange.ListInboxResponse;
import org.originhub.gatewaykit.contract.exchange.PullDocumentsRequest;
import org.originhub.gatewaykit.contract.exchange.PullDocumentsResponse;
import org.originhub.gatewaykit.contract.exchange.SubmitDocumentRequest;
import org.originhub.gatewaykit.contract.exchange.TrackingInfo;
import org.originhub.gatewaykit.contract.exchange.ValidateDocumentRequest;
import org.originhub.gatewaykit.contract.exchange.ValidateDocumentResponse;
import org.originhub.gatewaykit.contract.registry.CheckSignerRequest;
import org.originhub.gatewaykit.contract.registry.CheckSignerResponse;
import org.originhub.gatewaykit.contract.registry.GetDirectoryRequest;
import org.originhub.gatewaykit.contract.registry.GetDirectoryResponse;
import org.originhub.gatewaykit.contract.registry.RegistryPortType;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.Sha256;
import org.originhub.gatewaykit.security.UntrustedMessageException;
import org.originhub.gatewaykit.security.WsSecurityProfile;

/**
 * A member state gateway's client of the hub: the exchange service ({@code /services/exchange}) and the registry
 * service ({@code /services/registry}) behind one facade. Every request is signed with the gateway's key; every
 * answer, faults included, must be signed by the pinned hub certificate, or the call fails with
 * {@link UntrustedMessageException}.
 *
 * <pre>
 * try (HubClient hub = HubClient.builder()
 *         .hubUrl("https://hub.example.org")
 *         .keystore(Path.of("gateway.p12"), password)
 *         .hubCertificate(Path.of("hub.pem"))
 *         .build()) {
 *     Receipt receipt = hub.submit(Submission.builder().from("KE").to("TZ").agreement("EAC-CO-DEMO")
 *             .coNumber("KE-2026-000123").payload(coXml).build());
 *     List<String> kept = new ArrayList<>();
 *     for (ReceivedDocument document : hub.pull(50).documents()) {
 *         store(document);
 *         kept.add(document.trackingNumber());
 *     }
 *     if (!kept.isEmpty()) {
 *         hub.acknowledge(kept, AcknowledgementKind.OK, null); // one signed call for the whole pull
 *     }
 * }
 * </pre>
 *
 * <p>Failures: {@link HubFaultException} (the hub refused, with its code and reason), {@link HubUnreachableException}
 * (no SOAP answer), {@link UntrustedMessageException} (an answer that does not verify). A client is thread-safe and
 * meant to be kept for the gateway's lifetime; close it to release its connections.
 */
public final class HubClient implements AutoCloseable {

    static final String EXCHANGE_PATH = "/services/exchange";
    static final String REGISTRY_PATH = "/services/registry";

    private static final QName EXCHANGE_SERVICE = new QName("urn:originhub:exchange:v1", "ExchangeService");
    private static final QName EXCHANGE_PORT = new QName("urn:originhub:exchange:v1", "ExchangePort");
    private static final QName REGISTRY_SERVICE = new QName("urn:originhub:registry:v1", "RegistryService");
    private static final QName REGISTRY_PORT = new QName("urn:originhub:registry:v1", "RegistryPort");
    private static final String DIRECTORY_SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final Bus bus;
    private final URI hubUrl;
    private final GatewayKeystore keystore;
    private final PinnedCertificates hub;
    private final ExchangePortType exchange;
    private final RegistryPortType registry;

    private HubClient(Builder builder) {
        this.hubUrl = builder.hubUrl;
        this.keystore = builder.keystore;
        this.hub = builder.hub;
        // A bus of its own: closing this client releases exactly its resources, nothing of other clients.
        this.bus = BusFactory.newInstance().createBus();
        this.exchange = port(ExchangePortType.class, EXCHANGE_SERVICE, EXCHANGE_PORT, "exchange.wsdl",
                EXCHANGE_PATH, builder);
        this.registry = port(RegistryPortType.class, REGISTRY_SERVICE, REGISTRY_PORT, "registry.wsdl",
                REGISTRY_PATH, builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    private <T> T port(Class<T> type, QName service, QName port, String wsdl, String path, Builder builder) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(type);
        factory.setWsdlURL(Objects.requireNonNull(HubClient.class.getResource("/originhub/wsdl/" + wsdl),
                "the contract " + wsdl + " is missing from the kit").toString());
        factory.setServiceName(service);
        factory.setEndpointName(port);
        factory.setAddress(endpoint(path));
        T proxy = factory.create(type);
        Client client = ClientProxy.getClient(proxy);
        WsSecurityProfile.signOutgoing(client, keystore);
        WsSecurityProfile.verifyResponses(client, hub);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(builder.connectTimeout.toMillis());
        policy.setReceiveTimeout(builder.receiveTimeout.toMillis());
        // HTTP/1.1, the contract's transport: left to its default, CXF's client (Java's HttpClient) offers an h2c
        // upgrade on each new connection, which a proxy may tunnel to one node for the connection's lifetime.
        policy.setVersion("1.1");
        ((HTTPConduit) client.getConduit()).setClient(policy);
        return proxy;
    }

    private String endpoint(String path) {
        String base = hubUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /** The exchange service's address. */
    public String exchangeUrl() {
        return endpoint(EXCHANGE_PATH);
    }

    /** The registry service's address. */
    public String registryUrl() {
        return endpoint(REGISTRY_PATH);
    }

    /** The certificate this client signs with. */
    public X509Certificate gatewayCertificate() {
        return keystore.certificate();
    }

    /**
     * SubmitDocument: sends one document and returns the hub's receipt, after checking that the hub recorded the
     * SHA-256 of exactly the bytes sent.
     */
    public Receipt submit(Submission submission) {
        SubmitDocumentRequest request = new SubmitDocumentRequest();
        request.setEnvelope(Envelopes.toContract(submission.envelope()));
        request.setPayload(Envelopes.payload(submission.mediaType(), submission.payload()));
        HubReceipt receipt = call("SubmitDocument", () -> exchange.submitDocument(request).getReceipt());
        String sent = Sha256.hex(submission.payload());
        if (!sent.equals(receipt.getPayloadSha256())) {
            throw new UntrustedMessageException("The hub's receipt " + receipt.getTrackingNumber() + " records payload "
                    + "SHA-256 " + receipt.getPayloadSha256() + " but " + sent + " was sent");
        }
        return new Receipt(receipt.getTrackingNumber(), Envelopes.instant(receipt.getReceivedAt()),
                receipt.getPayloadSha256(), receipt.getDeliveryStatus());
    }

    /** ValidateDocument: the checks of SubmitDocument without storing or sending anything. */
    public Validation validate(Submission submission) {
        ValidateDocumentRequest request = new ValidateDocumentRequest();
        request.setEnvelope(Envelopes.toContract(submission.envelope()));
        request.setPayload(Envelopes.payload(submission.mediaType(), submission.payload()));
        ValidateDocumentResponse response = call("ValidateDocument", () -> exchange.validateDocument(request));
        List<Finding> findings = new ArrayList<>();
        response.getFinding().forEach(f -> findings.add(
                new Finding(f.getSeverity(), f.getCode(), f.getField(), f.getMessage())));
        return new Validation(response.isValid(), findings);
    }

    /** GetTrackingInfo for up to 100 tracking numbers, answered in the same order. */
    public List<Tracking> track(String... trackingNumbers) {
        return track(Arrays.asList(trackingNumbers));
    }

    public List<Tracking> track(List<String> trackingNumbers) {
        GetTrackingInfoRequest request = new GetTrackingInfoRequest();
        request.getTrackingNumber().addAll(trackingNumbers);
        List<Tracking> tracking = new ArrayList<>();
        for (TrackingInfo info : call("GetTrackingInfo", () -> exchange.getTrackingInfo(request)).getTrackingInfo()) {
            Acknowledgement ack = info.getAcknowledgement();
            tracking.add(new Tracking(info.getTrackingNumber(), info.getDeliveryStatus(),
                    Envelopes.fromContract(info.getEnvelope()), Envelopes.instant(info.getReceivedAt()),
                    info.getPayloadSha256(), info.getDeliveryAttempts(), Envelopes.instant(info.getLastAttemptAt()),
                    Envelopes.instant(info.getAcknowledgedAt()), ack == null ? null : ack.getKind(),
                    ack == null ? null : ack.getText()));
        }
        return tracking;
    }

    /**
     * ListInbox (PULL gateways): the documents waiting, without payloads.
     *
     * @param maxItems 1..500, or null for the hub's default (100)
     * @param types only these document types; none for all
     */
    public Inbox inbox(Integer maxItems, DocumentType... types) {
        ListInboxRequest request = new ListInboxRequest();
        request.setMaxItems(maxItems);
        request.getDocumentType().addAll(Arrays.asList(types));
        ListInboxResponse response = call("ListInbox", () -> exchange.listInbox(request));
        List<InboxItem> items = new ArrayList<>();
        response.getItem().forEach(i -> items.add(new InboxItem(i.getTrackingNumber(),
                Envelopes.instant(i.getReceivedAt()), Envelopes.fromContract(i.getEnvelope()), i.getPayloadSize(),
                i.getPayloadSha256())));
        return new Inbox(items, response.isMoreAvailable());
    }

    /**
     * PullDocuments (PULL gateways): up to {@code maxDocuments} (1..100, contract 1.1; a version 1 hub takes up to 50)
     * waiting documents with their payloads, oldest first. They stay pending until acknowledged.
     */
    public Pull pull(int maxDocuments, DocumentType... types) {
        PullDocumentsRequest request = new PullDocumentsRequest();
        request.setMaxDocuments(maxDocuments);
        request.getDocumentType().addAll(Arrays.asList(types));
        return pull(request);
    }

    /** PullDocuments of the named documents only. */
    public Pull pullTracking(List<String> trackingNumbers) {
        if (trackingNumbers.isEmpty() || trackingNumbers.size() > 100) {
            // An empty list would mean "the oldest waiting", which is pull(n), not what the caller asked for.
            throw new IllegalArgumentException("Name 1 to 100 tracking numbers to pull");
        }
        PullDocumentsRequest request = new PullDocumentsRequest();
        request.setMaxDocuments(trackingNumbers.size());
        request.getTrackingNumber().addAll(trackingNumbers);
        return pull(request);
    }

    private Pull pull(PullDocumentsRequest request) {
        PullDocumentsResponse response = call("PullDocuments", () -> exchange.pullDocuments(request));
        List<ReceivedDocument> documents = new ArrayList<>();
        for (DeliveredDocument document : response.getDocument()) {
            documents.add(Envelopes.fromContract(document));
        }
        return new Pull(documents, response.isMoreAvailable());
    }

    /**
     * AcknowledgeDelivery (PULL gateways): ok, ok with warnings, or not readable (the last two need a text).
     *
     * @return the envelope's delivery status after the acknowledgement
     */
    public DeliveryStatus acknowledge(String trackingNumber, AcknowledgementKind kind, String text) {
        return acknowledge(List.of(trackingNumber), kind, text).get(0);
    }

    /**
     * AcknowledgeDelivery of several documents in one signed call (contract 1.1, up to 100: e.g. everything one pull
     * brought and the gateway kept), each with the same acknowledgement. All or none: when the hub refuses one (the
     * {@link HubFaultException} names it), none is acknowledged.
     *
     * @return the delivery statuses after the acknowledgement, in the order of {@code trackingNumbers}
     */
    public List<DeliveryStatus> acknowledge(List<String> trackingNumbers, AcknowledgementKind kind, String text) {
        if (trackingNumbers.isEmpty() || trackingNumbers.size() > 100) {
            throw new IllegalArgumentException("Name 1 to 100 tracking numbers to acknowledge");
        }
        AcknowledgeDeliveryRequest request = new AcknowledgeDeliveryRequest();
        request.getTrackingNumber().addAll(trackingNumbers);
        Acknowledgement acknowledgement = new Acknowledgement();
        acknowledgement.setKind(kind);
        acknowledgement.setText(text);
        request.setAcknowledgement(acknowledgement);
        AcknowledgeDeliveryResponse response = call("AcknowledgeDelivery", () -> exchange.acknowledgeDelivery(request));
        if (response.getDeliveryStatus().size() != trackingNumbers.size()) {
            throw new UntrustedMessageException("AcknowledgeDelivery answered " + response.getDeliveryStatus().size()
                    + " delivery statuses for " + trackingNumbers.size() + " tracking numbers");
        }
        return List.copyOf(response.getDeliveryStatus());
    }

    /** GetDocumentStatus: a CO's life-cycle status by its issuing member state and CO number (parties only). */
    public DocumentStatusReport documentStatus(String issuingMemberState, String issuerCoNumber) {
        GetDocumentStatusRequest request = new GetDocumentStatusRequest();
        request.setIssuingMemberState(issuingMemberState);
        request.setIssuerCoNumber(issuerCoNumber);
        GetDocumentStatusResponse response = call("GetDocumentStatus", () -> exchange.getDocumentStatus(request));
        List<StatusChange> history = new ArrayList<>();
        response.getHistory().forEach(h -> history.add(
                new StatusChange(h.getDocumentStatus(), Envelopes.instant(h.getAt()), h.getTrackingNumber())));
        return new DocumentStatusReport(response.isKnown(), response.getDocumentStatus(),
                Envelopes.instant(response.getStatusSince()), response.getAgreement(),
                response.getImportingMemberState(), history);
    }

    /** GetDirectory: the current directory, its hub signature verified. */
    public DirectorySnapshot directory() {
        return directory(null);
    }

    /**
     * GetDirectory with the serial of a cached copy: when it is still current the answer is {@code notModified}.
     *
     * @throws UntrustedMessageException when the document's signature does not verify with a pinned hub certificate
     */
    public DirectorySnapshot directory(Long knownSerial) {
        GetDirectoryRequest request = new GetDirectoryRequest();
        request.setKnownSerial(knownSerial);
        GetDirectoryResponse response = call("GetDirectory", () -> registry.getDirectory(request));
        if (response.isNotModified()) {
            return new DirectorySnapshot(response.getSerial(), true, null, null, null);
        }
        X509Certificate hubCertificate = directoryCertificate(response.getHubCertificate());
        if (!hub.accepts(hubCertificate)) {
            throw new UntrustedMessageException("The directory is signed by " + Sha256.fingerprint(hubCertificate)
                    + ", which is not the pinned hub certificate " + hub.fingerprints());
        }
        if (!DIRECTORY_SIGNATURE_ALGORITHM.equals(response.getSignatureAlgorithm())
                || !verifies(response.getDocument(), response.getSignature(), hubCertificate)) {
            throw new UntrustedMessageException("The directory's signature (" + response.getSignatureAlgorithm()
                    + ") does not verify with the hub certificate: do not use this copy");
        }
        return new DirectorySnapshot(response.getSerial(), false, response.getDocument(), response.getSignature(),
                hubCertificate);
    }

    private static X509Certificate directoryCertificate(byte[] der) {
        try {
            if (der == null) {
                throw new UntrustedMessageException("The directory comes without the hub certificate");
            }
            return PinnedCertificates.readCertificates(der).iterator().next();
        } catch (java.security.cert.CertificateException e) {
            throw new UntrustedMessageException("The directory's hub certificate cannot be read", e);
        }
    }

    private static boolean verifies(byte[] document, byte[] signature, X509Certificate certificate) {
        if (document == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(DIRECTORY_SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate);
            verifier.update(document);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * CheckSigner by certificate: was it an authorised signer of the member state (for the agreement when given, at
     * the time when given, else now)?
     */
    public SignerCheck checkSigner(X509Certificate signer, String memberState, String agreement, Instant at) {
        CheckSignerRequest request = new CheckSignerRequest();
        try {
            request.setCertificate(signer.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The signer certificate cannot be encoded", e);
        }
        return checkSigner(request, memberState, agreement, at);
    }

    /** CheckSigner by the certificate's SHA-256 fingerprint. */
    public SignerCheck checkSigner(String fingerprint, String memberState, String agreement, Instant at) {
        CheckSignerRequest request = new CheckSignerRequest();
        request.setFingerprint(PinnedCertificates.ofFingerprints(fingerprint).fingerprints().iterator().next());
        return checkSigner(request, memberState, agreement, at);
    }

    private SignerCheck checkSigner(CheckSignerRequest request, String memberState, String agreement, Instant at) {
        request.setMemberState(memberState);
        request.setAgreement(agreement);
        request.setAt(Envelopes.xml(at));
        CheckSignerResponse response = call("CheckSigner", () -> registry.checkSigner(request));
        return new SignerCheck(response.isAuthorised(), response.getReason(), response.getFingerprint(),
                response.getSignerName(), response.getIssuingAuthority());
    }

    /** One place where what CXF throws becomes the kit's three failures; {@code operation} names the call in them. */
    private static <T> T call(String operation, Supplier<T> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } catch (SOAPFaultException e) {
            UntrustedMessageException untrusted = cause(e, UntrustedMessageException.class);
            if (untrusted != null) {
                throw untrusted;
            }
            QName code = e.getFault().getFaultCodeAsQName();
            if (code == null || !HubFaultException.FAULT_NAMESPACE.equals(code.getNamespaceURI())) {
                // Not the hub's answer: CXF turns a response that is no SOAP at all (an HTML error page while the
                // hub starts, a proxy's page) into a generic fault without any signature check. Nothing is known
                // about the request, as with no answer: the caller may resend it.
                throw new HubUnreachableException("No SOAP answer from the hub to " + operation + " " + elapsed(started)
                        + ": " + e.getFault().getFaultString(), e);
            }
            // Reached only through the in-fault chain, which verified the hub's signature on the fault.
            throw new HubFaultException(code, e.getFault().getFaultString());
        } catch (WebServiceException e) {
            UntrustedMessageException untrusted = cause(e, UntrustedMessageException.class);
            if (untrusted != null) {
                throw untrusted;
            }
            throw new HubUnreachableException("No answer from the hub to " + operation + " " + elapsed(started) + ": "
                    + rootMessage(e), e);
        }
    }

    /** "after 60.0 s": how long the call waited, which tells a refused connection from a receive timeout. */
    private static String elapsed(long startedNanos) {
        return String.format(Locale.ROOT, "after %.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static <X extends Throwable> X cause(Throwable thrown, Class<X> type) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < 32; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String top = thrown.getMessage();
        if (message == null) {
            return root.getClass().getSimpleName();
        }
        return top != null && !top.equals(message) && !top.contains(message) ? top + " (" + message + ")" : message;
    }

    @Override
    public void close() {
        bus.shutdown(true);
    }

    /** Options of a {@link HubClient}; hub URL, keystore and the hub's certificate are required. */
    public static final class Builder {
        private URI hubUrl;
        private GatewayKeystore keystore;
        private PinnedCertificates hub;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration receiveTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The hub's base URL, e.g. {@code https://hub.example.org} (the services are under {@code /services/}). */
        public Builder hubUrl(String url) {
            return hubUrl(URI.create(url));
        }

        public Builder hubUrl(URI url) {
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                throw new IllegalArgumentException("The hub URL must be http or https: " + url);
            }
            this.hubUrl = url;
            return this;
        }

        /** The gateway's PKCS#12 keystore holding exactly one key. */
        public Builder keystore(Path pkcs12, char[] password) {
            return keystore(GatewayKeystore.load(pkcs12, password, null));
        }

        public Builder keystore(Path pkcs12, char[] password, String alias) {
            return keystore(GatewayKeystore.load(pkcs12, password, alias));
        }

        public Builder keystore(GatewayKeystore gatewayKeystore) {
            this.keystore = gatewayKeystore;
            return this;
        }

        /** The hub's signing certificate (PEM or DER), as the secretariat gave it. */
        public Builder hubCertificate(Path pemOrDer) {
            return trustedHub(PinnedCertificates.fromFile(pemOrDer));
        }

        /** The SHA-256 fingerprint of the hub's signing certificate. */
        public Builder hubFingerprint(String sha256) {
            return trustedHub(PinnedCertificates.ofFingerprints(sha256));
        }

        public Builder trustedHub(PinnedCertificates hubCertificates) {
            this.hub = hubCertificates;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder receiveTimeout(Duration timeout) {
            this.receiveTimeout = timeout;
            return this;
        }

        public HubClient build() {
            Objects.requireNonNull(hubUrl, "hubUrl");
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(hub, "the hub's certificate (hubCertificate, hubFingerprint or trustedHub)");
            return new HubClient(this);
        }
    }
}
