package org.originhub.soap.exchange;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.exchange.boundary.AttemptView;
import org.originhub.hub.exchange.boundary.CoStatusView;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.Exchanges;
import org.originhub.hub.exchange.boundary.Inbox;
import org.originhub.hub.exchange.boundary.PulledDocuments;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Sender;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.boundary.TrackingView;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.soap.contract.envelope.Acknowledgement;
import org.originhub.soap.contract.envelope.DeliveryStatus;
import org.originhub.soap.contract.envelope.DocumentStatus;
import org.originhub.soap.contract.envelope.Payload;
import org.originhub.soap.contract.exchange.AcknowledgeDeliveryRequest;
import org.originhub.soap.contract.exchange.AcknowledgeDeliveryResponse;
import org.originhub.soap.contract.exchange.DeliveryAttempt;
import org.originhub.soap.contract.exchange.ExchangePortType;
import org.originhub.soap.contract.exchange.Finding;
import org.originhub.soap.contract.exchange.GetDocumentStatusRequest;
import org.originhub.soap.contract.exchange.GetDocumentStatusResponse;
import org.originhub.soap.contract.exchange.GetTrackingInfoRequest;
import org.originhub.soap.contract.exchange.GetTrackingInfoResponse;
import org.originhub.soap.contract.exchange.HubReceipt;
import org.originhub.soap.contract.exchange.InboxItem;
import org.originhub.soap.contract.exchange.ListInboxRequest;
import org.originhub.soap.contract.exchange.ListInboxResponse;
import org.originhub.soap.contract.exchange.PullDocumentsRequest;
import org.originhub.soap.contract.exchange.PullDocumentsResponse;
import org.originhub.soap.contract.exchange.Severity;
import org.originhub.soap.contract.exchange.StatusChange;
import org.originhub.soap.contract.exchange.SubmitDocumentRequest;
import org.originhub.soap.contract.exchange.SubmitDocumentResponse;
import org.originhub.soap.contract.exchange.TrackingInfo;
import org.originhub.soap.contract.exchange.ValidateDocumentRequest;
import org.originhub.soap.contract.exchange.ValidateDocumentResponse;
import org.originhub.soap.security.AuthenticatedSender;
import org.originhub.soap.security.RequestFault;

/**
 * The exchange service (exchange.wsdl). The security pipeline has verified the signature and the sender before any
 * method here runs; each method translates the request, delegates to {@link Exchanges} with the verified
 * {@link Sender}, and translates the answer. The exchange's refusals, already audited by the boundary, become faults
 * with their contract code here and nowhere else.
 */
@WebService(
        serviceName = "ExchangeService",
        portName = "ExchangePort",
        targetNamespace = "urn:originhub:exchange:v1",
        endpointInterface = "org.originhub.soap.contract.exchange.ExchangePortType",
        wsdlLocation = "classpath:wsdl/exchange.wsdl")
public class ExchangeEndpoint implements ExchangePortType {

    /** ListInbox's default page size when MaxItems is absent (the contract says 100). */
    static final int DEFAULT_INBOX_ITEMS = 100;

    private final Exchanges exchanges;

    @Resource
    WebServiceContext context;

    public ExchangeEndpoint(Exchanges exchanges) {
        this.exchanges = exchanges;
    }

    @Override
    public SubmitDocumentResponse submitDocument(SubmitDocumentRequest request) {
        Sender sender = sender();
        Receipt receipt = refusals(() -> exchanges.submit(sender, submission(request.getEnvelope(),
                request.getPayload())));
        HubReceipt hubReceipt = new HubReceipt();
        hubReceipt.setTrackingNumber(receipt.trackingNumber());
        hubReceipt.setReceivedAt(EnvelopeTranslation.xml(receipt.receivedAt()));
        hubReceipt.setPayloadSha256(receipt.payloadSha256());
        hubReceipt.setDeliveryStatus(DeliveryStatus.PENDING_DELIVERY);
        SubmitDocumentResponse response = new SubmitDocumentResponse();
        response.setReceipt(hubReceipt);
        return response;
    }

    @Override
    public ValidateDocumentResponse validateDocument(ValidateDocumentRequest request) {
        Sender sender = sender();
        List<org.originhub.hub.exchange.entity.Finding> findings = refusals(() -> exchanges.validate(sender,
                submission(request.getEnvelope(), request.getPayload())));
        ValidateDocumentResponse response = new ValidateDocumentResponse();
        response.setValid(findings.stream().noneMatch(f -> f.severity()
                == org.originhub.hub.exchange.entity.Finding.Severity.ERROR));
        for (org.originhub.hub.exchange.entity.Finding finding : findings) {
            Finding f = new Finding();
            f.setSeverity(Severity.valueOf(finding.severity().name()));
            f.setCode(finding.code());
            f.setField(finding.field());
            f.setMessage(finding.message());
            response.getFinding().add(f);
        }
        return response;
    }

    @Override
    public GetTrackingInfoResponse getTrackingInfo(GetTrackingInfoRequest request) {
        Sender sender = sender();
        List<String> numbers = request.getTrackingNumber();
        List<Optional<TrackingView>> views = refusals(() -> exchanges.track(sender, numbers));
        GetTrackingInfoResponse response = new GetTrackingInfoResponse();
        for (int i = 0; i < numbers.size(); i++) {
            response.getTrackingInfo().add(trackingInfo(numbers.get(i), views.get(i)));
        }
        return response;
    }

    @Override
    public ListInboxResponse listInbox(ListInboxRequest request) {
        Sender sender = sender();
        int max = request.getMaxItems() == null ? DEFAULT_INBOX_ITEMS : request.getMaxItems();
        Inbox inbox = refusals(() -> exchanges.inbox(sender, types(request.getDocumentType()), max));
        ListInboxResponse response = new ListInboxResponse();
        for (org.originhub.hub.exchange.boundary.InboxItem item : inbox.items()) {
            InboxItem i = new InboxItem();
            i.setTrackingNumber(item.trackingNumber());
            i.setReceivedAt(EnvelopeTranslation.xml(item.receivedAt()));
            i.setEnvelope(EnvelopeTranslation.toContract(item.envelope()));
            i.setPayloadSize(item.payloadSize());
            i.setPayloadSha256(item.payloadSha256());
            response.getItem().add(i);
        }
        response.setMoreAvailable(inbox.moreAvailable());
        return response;
    }

    @Override
    public PullDocumentsResponse pullDocuments(PullDocumentsRequest request) {
        Sender sender = sender();
        PulledDocuments pulled = refusals(() -> exchanges.pull(sender, request.getMaxDocuments(),
                types(request.getDocumentType()), List.copyOf(request.getTrackingNumber())));
        PullDocumentsResponse response = new PullDocumentsResponse();
        pulled.documents().forEach(d -> response.getDocument().add(EnvelopeTranslation.toContract(d)));
        response.setMoreAvailable(pulled.moreAvailable());
        return response;
    }

    @Override
    public AcknowledgeDeliveryResponse acknowledgeDelivery(AcknowledgeDeliveryRequest request) {
        Sender sender = sender();
        Acknowledgement acknowledgement = request.getAcknowledgement();
        if (acknowledgement == null || acknowledgement.getKind() == null) {
            throw new RequestFault("InvalidRequest", "AcknowledgeDelivery needs an Acknowledgement with a Kind");
        }
        List<org.originhub.hub.delivery.entity.DeliveryStatus> statuses = refusals(() -> exchanges.acknowledge(
                sender, request.getTrackingNumber(), AcknowledgementKind.valueOf(acknowledgement.getKind().name()),
                acknowledgement.getText()));
        AcknowledgeDeliveryResponse response = new AcknowledgeDeliveryResponse();
        response.getTrackingNumber().addAll(request.getTrackingNumber());
        statuses.forEach(status -> response.getDeliveryStatus().add(DeliveryStatus.valueOf(status.name())));
        return response;
    }

    @Override
    public GetDocumentStatusResponse getDocumentStatus(GetDocumentStatusRequest request) {
        Sender sender = sender();
        Optional<CoStatusView> found = refusals(() -> exchanges.documentStatus(sender,
                request.getIssuingMemberState(), request.getIssuerCoNumber()));
        GetDocumentStatusResponse response = new GetDocumentStatusResponse();
        response.setKnown(found.isPresent());
        found.ifPresent(view -> {
            response.setDocumentStatus(DocumentStatus.valueOf(view.status().name()));
            response.setStatusSince(EnvelopeTranslation.xml(view.statusSince()));
            response.setAgreement(view.agreement());
            response.setImportingMemberState(view.importingMember());
            for (CoStatusView.Change change : view.history()) {
                StatusChange c = new StatusChange();
                c.setDocumentStatus(DocumentStatus.valueOf(change.status().name()));
                c.setAt(EnvelopeTranslation.xml(change.at()));
                c.setTrackingNumber(change.trackingNumber());
                response.getHistory().add(c);
            }
        });
        return response;
    }

    private static TrackingInfo trackingInfo(String number, Optional<TrackingView> found) {
        TrackingInfo info = new TrackingInfo();
        info.setTrackingNumber(number);
        if (found.isEmpty()) {
            info.setDeliveryStatus(DeliveryStatus.UNKNOWN_TRACKING_NUMBER);
            return info;
        }
        TrackingView view = found.get();
        info.setDeliveryStatus(DeliveryStatus.valueOf(view.status().name()));
        info.setEnvelope(EnvelopeTranslation.toContract(view.envelope()));
        info.setReceivedAt(EnvelopeTranslation.xml(view.receivedAt()));
        info.setPayloadSha256(view.payloadSha256());
        info.setDeliveryAttempts(view.attempts());
        info.setLastAttemptAt(EnvelopeTranslation.xml(view.lastAttemptAt()));
        info.setAcknowledgedAt(EnvelopeTranslation.xml(view.acknowledgedAt()));
        info.setPayloadPurgedAt(EnvelopeTranslation.xml(view.payloadPurgedAt()));
        if (view.acknowledgement() != null) {
            Acknowledgement acknowledgement = new Acknowledgement();
            acknowledgement.setKind(org.originhub.soap.contract.envelope.AcknowledgementKind.valueOf(
                    view.acknowledgement().name()));
            acknowledgement.setText(view.acknowledgementText());
            info.setAcknowledgement(acknowledgement);
        }
        for (AttemptView attempt : view.history()) {
            DeliveryAttempt a = new DeliveryAttempt();
            a.setNumber(attempt.number());
            a.setAt(EnvelopeTranslation.xml(attempt.at()));
            a.setKind(attempt.kind());
            a.setOutcome(attempt.outcome());
            a.setDetail(attempt.detail());
            info.getAttempt().add(a);
        }
        return info;
    }

    private static Submission submission(org.originhub.soap.contract.envelope.Envelope envelope, Payload payload) {
        if (envelope == null || payload == null || payload.getContent() == null) {
            throw new RequestFault("InvalidRequest", "A submission needs an Envelope and a Payload with Content");
        }
        return new Submission(EnvelopeTranslation.toDomain(envelope), payload.getMediaType(), payload.getContent());
    }

    private static Set<DocumentType> types(List<org.originhub.soap.contract.envelope.DocumentType> requested) {
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        requested.forEach(t -> types.add(DocumentType.valueOf(t.name())));
        return types;
    }

    private Sender sender() {
        AuthenticatedSender sender = AuthenticatedSender.of(context);
        return new Sender(sender.memberCode(), Long.parseLong(sender.gatewayId()), sender.certificateFingerprint());
    }

    /** The one translation of the exchange's refusals on this edge; the boundary has audited them already. */
    private static <T> T refusals(Supplier<T> call) {
        try {
            return call.get();
        } catch (ExchangeRefusedException e) {
            throw new RequestFault(e.refusal().code(), e.getMessage(), true);
        }
    }
}
