package org.originhub.gatewaykit.testing;

import jakarta.jws.WebService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.originhub.gatewaykit.client.Envelopes;
import org.originhub.gatewaykit.contract.envelope.Acknowledgement;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveredDocument;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentStatus;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.envelope.Envelope;
import org.originhub.gatewaykit.contract.envelope.Payload;
import org.originhub.gatewaykit.contract.exchange.AcknowledgeDeliveryRequest;
import org.originhub.gatewaykit.contract.exchange.AcknowledgeDeliveryResponse;
import org.originhub.gatewaykit.contract.exchange.ExchangePortType;
import org.originhub.gatewaykit.contract.exchange.Finding;
import org.originhub.gatewaykit.contract.exchange.GetDocumentStatusRequest;
import org.originhub.gatewaykit.contract.exchange.GetDocumentStatusResponse;
import org.originhub.gatewaykit.contract.exchange.GetTrackingInfoRequest;
import org.originhub.gatewaykit.contract.exchange.GetTrackingInfoResponse;
import org.originhub.gatewaykit.contract.exchange.HubReceipt;
import org.originhub.gatewaykit.contract.exchange.InboxItem;
import org.originhub.gatewaykit.contract.exchange.ListInboxRequest;
import org.originhub.gatewaykit.contract.exchange.ListInboxResponse;
import org.originhub.gatewaykit.contract.exchange.PullDocumentsRequest;
import org.originhub.gatewaykit.contract.exchange.PullDocumentsResponse;
import org.originhub.gatewaykit.contract.exchange.Severity;
import org.originhub.gatewaykit.contract.exchange.StatusChange;
import org.originhub.gatewaykit.contract.exchange.SubmitDocumentRequest;
import org.originhub.gatewaykit.contract.exchange.SubmitDocumentResponse;
import org.originhub.gatewaykit.contract.exchange.TrackingInfo;
import org.originhub.gatewaykit.contract.exchange.ValidateDocumentRequest;
import org.originhub.gatewaykit.contract.exchange.ValidateDocumentResponse;
import org.originhub.gatewaykit.security.Sha256;
import org.originhub.soap.security.AuthenticatedSender;
import org.originhub.soap.security.RequestFault;

/**
 * A stand-in for the hub's exchange service, small but honest: it keeps what is submitted, routes it to the
 * recipient's inbox, tracks and acknowledges it, and refuses with the contract's fault codes, all for the sender the
 * hub's real security pipeline authenticated. Enough to prove the kit against the pipeline; the exchange's real rules
 * are the hub's own tests' business.
 */
@WebService(
        serviceName = "ExchangeService",
        portName = "ExchangePort",
        targetNamespace = "urn:originhub:exchange:v1",
        endpointInterface = "org.originhub.gatewaykit.contract.exchange.ExchangePortType",
        wsdlLocation = "classpath:originhub/wsdl/exchange.wsdl")
public class InMemoryExchange implements ExchangePortType {

    /** One accepted envelope. */
    public static final class Stored {
        public final String trackingNumber;
        public final Instant receivedAt;
        public final Envelope envelope;
        public final Payload payload;
        public final String payloadSha256;
        public final String senderCertificate;
        volatile DeliveryStatus status = DeliveryStatus.PENDING_DELIVERY;
        volatile Acknowledgement acknowledgement;

        Stored(String trackingNumber, Instant receivedAt, Envelope envelope, Payload payload, String sender) {
            this.trackingNumber = trackingNumber;
            this.receivedAt = receivedAt;
            this.envelope = envelope;
            this.payload = payload;
            this.payloadSha256 = Sha256.hex(payload.getContent());
            this.senderCertificate = sender;
        }
    }

    public final List<AuthenticatedSender> callers = new CopyOnWriteArrayList<>();
    private final Map<String, Stored> stored = new LinkedHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger(1000);

    private AuthenticatedSender caller() {
        AuthenticatedSender sender = AuthenticatedSender.current();
        callers.add(sender);
        return sender;
    }

    public synchronized Stored stored(String trackingNumber) {
        return stored.get(trackingNumber);
    }

    @Override
    public synchronized SubmitDocumentResponse submitDocument(SubmitDocumentRequest request) {
        AuthenticatedSender sender = caller();
        Envelope envelope = request.getEnvelope();
        if (!sender.memberCode().equals(envelope.getFrom())) {
            throw new RequestFault("SenderMismatch", "The envelope's From (" + envelope.getFrom() + ") is not the "
                    + "member state of the signing gateway (" + sender.memberCode() + ")");
        }
        for (Stored earlier : stored.values()) {
            if (earlier.envelope.getFrom().equals(envelope.getFrom())
                    && earlier.envelope.getSenderMessageId().equals(envelope.getSenderMessageId())) {
                throw new RequestFault("Duplicate", "SenderMessageId " + envelope.getSenderMessageId()
                        + " was already used for " + earlier.trackingNumber);
            }
        }
        Stored document = new Stored("OH-" + numbers.incrementAndGet(), Instant.now(), envelope,
                request.getPayload(), sender.certificateFingerprint());
        stored.put(document.trackingNumber, document);
        HubReceipt receipt = new HubReceipt();
        receipt.setTrackingNumber(document.trackingNumber);
        receipt.setReceivedAt(Envelopes.xml(document.receivedAt));
        receipt.setPayloadSha256(document.payloadSha256);
        receipt.setDeliveryStatus(DeliveryStatus.PENDING_DELIVERY);
        SubmitDocumentResponse response = new SubmitDocumentResponse();
        response.setReceipt(receipt);
        return response;
    }

    @Override
    public ValidateDocumentResponse validateDocument(ValidateDocumentRequest request) {
        caller();
        ValidateDocumentResponse response = new ValidateDocumentResponse();
        if (request.getEnvelope().getFrom().equals(request.getEnvelope().getTo())) {
            Finding finding = new Finding();
            finding.setSeverity(Severity.ERROR);
            finding.setCode("UnknownRecipient");
            finding.setField("Envelope/To");
            finding.setMessage("A member state cannot send to itself");
            response.getFinding().add(finding);
        }
        response.setValid(response.getFinding().stream().noneMatch(f -> f.getSeverity() == Severity.ERROR));
        return response;
    }

    @Override
    public synchronized GetTrackingInfoResponse getTrackingInfo(GetTrackingInfoRequest request) {
        String member = caller().memberCode();
        GetTrackingInfoResponse response = new GetTrackingInfoResponse();
        for (String trackingNumber : request.getTrackingNumber()) {
            Stored document = stored.get(trackingNumber);
            TrackingInfo info = new TrackingInfo();
            info.setTrackingNumber(trackingNumber);
            if (document == null || !(document.envelope.getFrom().equals(member)
                    || document.envelope.getTo().equals(member))) {
                info.setDeliveryStatus(DeliveryStatus.UNKNOWN_TRACKING_NUMBER);
            } else {
                info.setDeliveryStatus(document.status);
                info.setEnvelope(document.envelope);
                info.setReceivedAt(Envelopes.xml(document.receivedAt));
                info.setPayloadSha256(document.payloadSha256);
                info.setAcknowledgement(document.acknowledgement);
            }
            response.getTrackingInfo().add(info);
        }
        return response;
    }

    private List<Stored> pending(String member, List<DocumentType> types) {
        List<Stored> waiting = new ArrayList<>();
        for (Stored document : stored.values()) {
            if (document.envelope.getTo().equals(member) && document.status == DeliveryStatus.PENDING_DELIVERY
                    && (types.isEmpty() || types.contains(document.envelope.getDocumentType()))) {
                waiting.add(document);
            }
        }
        return waiting;
    }

    @Override
    public synchronized ListInboxResponse listInbox(ListInboxRequest request) {
        List<Stored> waiting = pending(caller().memberCode(), request.getDocumentType());
        int max = request.getMaxItems() == null ? 100 : request.getMaxItems();
        ListInboxResponse response = new ListInboxResponse();
        for (Stored document : waiting.subList(0, Math.min(max, waiting.size()))) {
            InboxItem item = new InboxItem();
            item.setTrackingNumber(document.trackingNumber);
            item.setReceivedAt(Envelopes.xml(document.receivedAt));
            item.setEnvelope(document.envelope);
            item.setPayloadSize(document.payload.getContent().length);
            item.setPayloadSha256(document.payloadSha256);
            response.getItem().add(item);
        }
        response.setMoreAvailable(waiting.size() > max);
        return response;
    }

    @Override
    public synchronized PullDocumentsResponse pullDocuments(PullDocumentsRequest request) {
        List<Stored> waiting = pending(caller().memberCode(), request.getDocumentType());
        if (!request.getTrackingNumber().isEmpty()) {
            waiting.removeIf(d -> !request.getTrackingNumber().contains(d.trackingNumber));
        }
        PullDocumentsResponse response = new PullDocumentsResponse();
        for (Stored document : waiting.subList(0, Math.min(request.getMaxDocuments(), waiting.size()))) {
            DeliveredDocument delivered = new DeliveredDocument();
            delivered.setTrackingNumber(document.trackingNumber);
            delivered.setReceivedAt(Envelopes.xml(document.receivedAt));
            delivered.setEnvelope(document.envelope);
            delivered.setPayload(document.payload);
            delivered.setPayloadSha256(document.payloadSha256);
            delivered.setSenderCertificateSha256(document.senderCertificate);
            response.getDocument().add(delivered);
        }
        response.setMoreAvailable(waiting.size() > request.getMaxDocuments());
        return response;
    }

    @Override
    public synchronized AcknowledgeDeliveryResponse acknowledgeDelivery(AcknowledgeDeliveryRequest request) {
        String member = caller().memberCode();
        for (String trackingNumber : request.getTrackingNumber()) { // all or none, as the hub
            Stored document = stored.get(trackingNumber);
            if (document == null || !document.envelope.getTo().equals(member)) {
                throw new RequestFault("UnknownReference", "No document " + trackingNumber
                        + " was delivered to " + member);
            }
        }
        AcknowledgeDeliveryResponse response = new AcknowledgeDeliveryResponse();
        for (String trackingNumber : request.getTrackingNumber()) {
            Stored document = stored.get(trackingNumber);
            document.acknowledgement = request.getAcknowledgement();
            AcknowledgementKind kind = request.getAcknowledgement().getKind();
            document.status = kind == AcknowledgementKind.OK ? DeliveryStatus.DELIVERED
                    : kind == AcknowledgementKind.OK_WITH_WARNINGS ? DeliveryStatus.DELIVERED_WITH_WARNINGS
                    : DeliveryStatus.DELIVERED_NOT_READABLE;
            response.getTrackingNumber().add(document.trackingNumber);
            response.getDeliveryStatus().add(document.status);
        }
        return response;
    }

    @Override
    public synchronized GetDocumentStatusResponse getDocumentStatus(GetDocumentStatusRequest request) {
        String member = caller().memberCode();
        GetDocumentStatusResponse response = new GetDocumentStatusResponse();
        response.setKnown(false);
        for (Stored document : stored.values()) {
            Envelope envelope = document.envelope;
            if (envelope.getDocumentType() == DocumentType.CERTIFICATE_OF_ORIGIN
                    && envelope.getFrom().equals(request.getIssuingMemberState())
                    && envelope.getIssuerCoNumber().equals(request.getIssuerCoNumber())
                    && (envelope.getFrom().equals(member) || envelope.getTo().equals(member))) {
                response.setKnown(true);
                response.setDocumentStatus(DocumentStatus.ISSUED);
                response.setStatusSince(Envelopes.xml(document.receivedAt));
                response.setAgreement(envelope.getAgreement());
                response.setImportingMemberState(envelope.getTo());
                StatusChange change = new StatusChange();
                change.setDocumentStatus(DocumentStatus.ISSUED);
                change.setAt(Envelopes.xml(document.receivedAt));
                change.setTrackingNumber(document.trackingNumber);
                response.getHistory().add(change);
            }
        }
        return response;
    }
}
