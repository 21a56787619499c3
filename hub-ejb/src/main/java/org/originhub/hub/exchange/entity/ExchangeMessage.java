package org.originhub.hub.exchange.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.originhub.hub.delivery.entity.DeliveryState;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * One accepted envelope: the aggregate root of a document's exchange. It holds the envelope (who sends and receives,
 * the document type and function, the CO, request and sender numbers, the references, the payload's SHA-256, size and
 * media type), fixed at acceptance, and the routing (the gateways, the sender's certificate, PUSH or PULL); the payload
 * itself is kept apart in {@link MessagePayload}, the delivery attempts in {@link DeliveryAttempt} rows, and where the
 * delivery stands in the embedded {@link DeliveryState}.
 *
 * <p>Life cycle:
 * <pre>
 * accepted
 *    |
 *    v              acknowledged (push answer or AcknowledgeDelivery)
 * PENDING_DELIVERY ----------------------------------------------------&gt; DELIVERED | DELIVERED_WITH_WARNINGS
 *    |       ^                                                           | DELIVERED_NOT_READABLE      (final)
 *    |       | console resend (payload still stored)
 *    v       |
 * FAILED_DELIVERY   (PUSH retries exhausted)
 *
 * not pending, older than the retention period --&gt; payload purged
 * </pre>
 * While the document it depends on (the earlier document about the same CO for the same recipient) is still pending,
 * the delivery is held back: it is neither listed nor pushed ({@link DeliveryState#dependOn}). A PUSH delivery whose
 * recipient has switched to pulling is handed over to the inbox ({@link #deliverByPull}). Once the document is no
 * longer pending and older than the retention period, its payload may be purged ({@link #payloadPurged}): the
 * envelope, the payload's SHA-256 and size and the delivery history stay; a purged document can no longer be pulled or
 * resent. The transitions that touch the envelope as well as the delivery (resend, purge, the switch to pulling) are
 * methods of this class; the rest are {@link DeliveryState}'s, reached through {@link #delivery()}.
 */
@Entity
@Table(name = "exchange_message")
@NamedQuery(name = ExchangeMessage.BY_TRACKING,
        query = "SELECT m FROM ExchangeMessage m WHERE m.trackingNumber = :tracking")
@NamedQuery(name = ExchangeMessage.BY_TRACKINGS,
        query = "SELECT m FROM ExchangeMessage m WHERE m.trackingNumber IN :trackings")
@NamedQuery(name = ExchangeMessage.BY_SENDER_MESSAGE_ID,
        query = "SELECT m FROM ExchangeMessage m WHERE m.senderMember = :sender AND m.senderMessageId = :id")
@NamedQuery(name = ExchangeMessage.LATEST_ABOUT_CO, query = "SELECT m FROM ExchangeMessage m "
        + "WHERE m.recipientMember = :recipient AND m.issuerMember = :issuer "
        + "AND (m.coNumber IN :numbers OR m.replacedCoNumber IN :numbers)")
@NamedQuery(name = ExchangeMessage.INBOX, query = "SELECT m FROM ExchangeMessage m "
        + "WHERE m.recipientMember = :recipient AND m.delivery.status = :pending AND m.deliveryMode = :pull "
        + "AND m.delivery.dependencyOpen = FALSE AND m.documentType IN :types ORDER BY m.id")
@NamedQuery(name = ExchangeMessage.RELEASE_SUCCESSORS, query = "UPDATE ExchangeMessage m "
        + "SET m.delivery.dependencyOpen = FALSE WHERE m.delivery.dependsOn IN :trackings "
        + "AND m.delivery.dependencyOpen = TRUE")
public class ExchangeMessage {

    public static final String BY_TRACKING = "ExchangeMessage.byTracking";
    public static final String BY_TRACKINGS = "ExchangeMessage.byTrackings";
    public static final String BY_SENDER_MESSAGE_ID = "ExchangeMessage.bySenderMessageId";
    public static final String LATEST_ABOUT_CO = "ExchangeMessage.latestAboutCo";
    public static final String INBOX = "ExchangeMessage.inbox";
    public static final String RELEASE_SUCCESSORS = "ExchangeMessage.releaseSuccessors";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tracking_number", nullable = false, updatable = false, length = 64)
    private String trackingNumber;

    @Column(name = "sender_member", nullable = false, updatable = false, length = 2)
    private String senderMember;

    @Column(name = "recipient_member", nullable = false, updatable = false, length = 2)
    private String recipientMember;

    @Column(name = "agreement_code", nullable = false, updatable = false, length = 32)
    private String agreementCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "document_type", nullable = false, updatable = false, length = 40)
    private DocumentType documentType;

    @Enumerated(EnumType.STRING)
    @Column(name = "document_function", nullable = false, updatable = false, length = 8)
    private DocumentFunction documentFunction;

    @Column(name = "issuer_member", nullable = false, updatable = false, length = 2)
    private String issuerMember;

    @Column(name = "co_number", nullable = false, updatable = false, length = 35)
    private String coNumber;

    @Column(name = "sender_message_id", nullable = false, updatable = false, length = 64)
    private String senderMessageId;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_kind", updatable = false, length = 16)
    private BusinessResponseKind responseKind;

    @Enumerated(EnumType.STRING)
    @Column(name = "verification_result", updatable = false, length = 16)
    private VerificationResult verificationResult;

    @Column(name = "replaced_co_number", updatable = false, length = 35)
    private String replacedCoNumber;

    @Column(name = "request_number", updatable = false, length = 35)
    private String requestNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "co_function", updatable = false, length = 8)
    private DocumentFunction coFunction;

    // LAZY: read when asked for (an envelope being shown or delivered), not with every message a status change,
    // an acknowledgement or a lock reads; never changed after the insert. (Batch or join fetching them breaks
    // EclipseLink 4.0.7's change tracking of this embeddable at the next flush, EclipseLink-69: one read per message.)
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "exchange_reference", joinColumns = @JoinColumn(name = "message_id"))
    @OrderColumn(name = "ref_index")
    private List<StoredReference> references = new ArrayList<>();

    @Column(name = "sender_gateway_id", nullable = false, updatable = false)
    private Long senderGatewayId;

    @Column(name = "sender_certificate", nullable = false, updatable = false, length = 64)
    private String senderCertificate;

    @Column(name = "recipient_gateway_id", nullable = false, updatable = false)
    private Long recipientGatewayId;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_mode", nullable = false, length = 8)
    private DeliveryMode deliveryMode;

    @Column(name = "media_type", nullable = false, updatable = false, length = 127)
    private String mediaType;

    @Column(name = "payload_sha256", nullable = false, updatable = false, length = 64)
    private String payloadSha256;

    @Column(name = "payload_size", nullable = false, updatable = false)
    private long payloadSize;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Embedded
    private DeliveryState delivery;

    @Column(name = "payload_purged_at")
    private Instant payloadPurgedAt;

    @Version
    private long version;

    protected ExchangeMessage() {
    }

    /**
     * A newly accepted envelope, PENDING_DELIVERY; a PUSH delivery is due at once.
     *
     * @param routing who sends, who receives, through which gateways
     * @param document what the envelope says the document is
     */
    public ExchangeMessage(TrackingNumber trackingNumber, Routing routing, Document document,
            List<StoredReference> references, String mediaType, String payloadSha256, long payloadSize,
            Instant receivedAt) {
        this.trackingNumber = trackingNumber.value();
        this.senderMember = routing.senderMember();
        this.recipientMember = routing.recipientMember();
        this.senderGatewayId = routing.senderGatewayId();
        this.senderCertificate = routing.senderCertificate();
        this.recipientGatewayId = routing.recipientGatewayId();
        this.deliveryMode = routing.deliveryMode();
        this.agreementCode = document.agreementCode();
        this.documentType = document.type();
        this.documentFunction = document.function();
        this.issuerMember = document.issuerMember();
        this.coNumber = document.coNumber();
        this.senderMessageId = document.senderMessageId();
        this.responseKind = document.responseKind();
        this.verificationResult = document.verificationResult();
        this.replacedCoNumber = document.replacedCoNumber();
        this.requestNumber = document.requestNumber();
        this.coFunction = document.type() == DocumentType.CERTIFICATE_OF_ORIGIN ? document.function() : null;
        this.references.addAll(references);
        this.mediaType = Objects.requireNonNull(mediaType);
        this.payloadSha256 = Objects.requireNonNull(payloadSha256);
        this.payloadSize = payloadSize;
        this.receivedAt = receivedAt;
        this.delivery = new DeliveryState(deliveryMode == DeliveryMode.PUSH ? receivedAt : null);
    }

    /** Routing facts fixed at acceptance. */
    public record Routing(String senderMember, long senderGatewayId, String senderCertificate,
            String recipientMember, long recipientGatewayId, DeliveryMode deliveryMode) {
    }

    /** What the envelope (and, for two fields, the payload) says the document is. */
    public record Document(String agreementCode, DocumentType type, DocumentFunction function, String issuerMember,
            String coNumber, String senderMessageId, BusinessResponseKind responseKind,
            VerificationResult verificationResult, String replacedCoNumber, String requestNumber) {
    }

    /** Where the delivery stands, and its transitions. */
    public DeliveryState delivery() {
        return delivery;
    }

    /**
     * The secretariat resends a failed delivery: pending again, due now, with a fresh retry window.
     *
     * @throws IllegalStateException when the delivery has not failed, or the payload was purged
     */
    public void resend(Instant now) {
        if (delivery.status() != DeliveryStatus.FAILED_DELIVERY) {
            throw new IllegalStateException("only a failed delivery can be resent");
        }
        if (payloadPurgedAt != null) {
            throw new IllegalStateException("the payload of " + trackingNumber + " was purged");
        }
        delivery.resend(now);
    }

    /**
     * The retention purge deleted the payload row at {@code at}; only a delivered or failed document may lose it
     * (a pending one still has to reach its recipient).
     */
    public void payloadPurged(Instant at) {
        if (delivery.isPending()) {
            throw new IllegalStateException("the payload of " + trackingNumber + " is still to be delivered");
        }
        if (payloadPurgedAt == null) {
            payloadPurgedAt = at;
        }
    }

    /** The recipient's gateway now pulls: hand the message over to its inbox. */
    public void deliverByPull() {
        deliveryMode = DeliveryMode.PULL;
        delivery.awaitPull();
    }

    public Long id() {
        return id;
    }

    public TrackingNumber trackingNumber() {
        return new TrackingNumber(trackingNumber);
    }

    public String senderMember() {
        return senderMember;
    }

    public String recipientMember() {
        return recipientMember;
    }

    public String agreementCode() {
        return agreementCode;
    }

    public DocumentType documentType() {
        return documentType;
    }

    public DocumentFunction documentFunction() {
        return documentFunction;
    }

    public String issuerMember() {
        return issuerMember;
    }

    public String coNumber() {
        return coNumber;
    }

    public String senderMessageId() {
        return senderMessageId;
    }

    public BusinessResponseKind responseKind() {
        return responseKind;
    }

    public VerificationResult verificationResult() {
        return verificationResult;
    }

    public String replacedCoNumber() {
        return replacedCoNumber;
    }

    public String requestNumber() {
        return requestNumber;
    }

    public List<StoredReference> references() {
        return Collections.unmodifiableList(references);
    }

    public long senderGatewayId() {
        return senderGatewayId;
    }

    public String senderCertificate() {
        return senderCertificate;
    }

    public long recipientGatewayId() {
        return recipientGatewayId;
    }

    public DeliveryMode deliveryMode() {
        return deliveryMode;
    }

    public String mediaType() {
        return mediaType;
    }

    public String payloadSha256() {
        return payloadSha256;
    }

    public long payloadSize() {
        return payloadSize;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** When the retention purge deleted the payload; null while it is stored. */
    public Instant payloadPurgedAt() {
        return payloadPurgedAt;
    }

    @Override
    public String toString() {
        return trackingNumber;
    }
}
