package org.originhub.hub.exchange.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
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
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * One accepted envelope (aggregate root of its delivery attempts; its payload is kept apart in
 * {@link MessagePayload}). The envelope part never changes after acceptance. Delivery life cycle:
 * <pre>
 * PENDING_DELIVERY --acknowledged (push answer or AcknowledgeDelivery)--> DELIVERED | DELIVERED_WITH_WARNINGS
 *                                                                         | DELIVERED_NOT_READABLE   (final)
 * PENDING_DELIVERY --PUSH retries exhausted--> FAILED_DELIVERY --console resend--> PENDING_DELIVERY
 * </pre>
 * While the document it depends on (the earlier document about the same CO for the same recipient) is still
 * pending, {@code dependencyOpen} holds it back: it is neither listed nor pushed. Once it is no longer pending and
 * older than the retention period, its payload may be purged ({@link #payloadPurged}): the envelope, the payload's
 * SHA-256 and size and the delivery history stay; a purged document can no longer be pulled or resent.
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
        + "AND (m.coNumber IN :numbers OR m.replacedCoNumber IN :numbers) ORDER BY m.id DESC")
@NamedQuery(name = ExchangeMessage.INBOX, query = "SELECT m FROM ExchangeMessage m "
        + "WHERE m.recipientMember = :recipient AND m.deliveryStatus = :pending AND m.deliveryMode = :pull "
        + "AND m.dependencyOpen = FALSE AND m.documentType IN :types ORDER BY m.id")
@NamedQuery(name = ExchangeMessage.RELEASE_SUCCESSORS, query = "UPDATE ExchangeMessage m "
        + "SET m.dependencyOpen = FALSE WHERE m.dependsOn IN :trackings AND m.dependencyOpen = TRUE")
public class ExchangeMessage {

    public static final String BY_TRACKING = "ExchangeMessage.byTracking";
    public static final String BY_TRACKINGS = "ExchangeMessage.byTrackings";
    public static final String BY_SENDER_MESSAGE_ID = "ExchangeMessage.bySenderMessageId";
    public static final String LATEST_ABOUT_CO = "ExchangeMessage.latestAboutCo";
    public static final String INBOX = "ExchangeMessage.inbox";
    public static final String RELEASE_SUCCESSORS = "ExchangeMessage.releaseSuccessors";

    /** Result of an acknowledgement. */
    public enum Acknowledged {
        /** The first acknowledgement: the delivery status changed. */
        SET,
        /** The same acknowledgement again: nothing changed. */
        REPEATED,
        /** A different acknowledgement than the first, or the delivery already failed: refused. */
        CONFLICT
    }

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
    // an acknowledgement or a lock reads; never changed after the insert.
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

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status", nullable = false, length = 32)
    private DeliveryStatus deliveryStatus;

    @Column(name = "depends_on", length = 64)
    private String dependsOn;

    @Column(name = "dependency_open", nullable = false)
    private boolean dependencyOpen;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "first_attempt_at")
    private Instant firstAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claim_token", length = 64)
    private String claimToken;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "ack_kind", length = 20)
    private AcknowledgementKind ackKind;

    @Column(name = "ack_text", length = 2000)
    private String ackText;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "failed_at")
    private Instant failedAt;

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
        this.deliveryStatus = DeliveryStatus.PENDING_DELIVERY;
        this.nextAttemptAt = deliveryMode == DeliveryMode.PUSH ? receivedAt : null;
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

    /** Held back until {@code predecessor} is acknowledged or has failed, when {@code open}. */
    public void dependOn(String predecessor, boolean open) {
        this.dependsOn = predecessor;
        this.dependencyOpen = open;
    }

    public boolean isPending() {
        return deliveryStatus == DeliveryStatus.PENDING_DELIVERY;
    }

    /** A delivery node takes the message until {@code until}; other nodes skip it meanwhile. */
    public void claim(String token, Instant until) {
        this.claimToken = token;
        this.claimedUntil = until;
    }

    public boolean claimedBy(String token) {
        return token != null && token.equals(claimToken);
    }

    public void releaseClaim() {
        this.claimToken = null;
        this.claimedUntil = null;
    }

    /** Counts a push or pull and returns its number (1 for the first). */
    public int countAttempt(Instant at) {
        attempts++;
        if (firstAttemptAt == null) {
            firstAttemptAt = at;
        }
        lastAttemptAt = at;
        return attempts;
    }

    /**
     * The recipient's acknowledgement. The first one sets the delivery status; the same one again changes nothing;
     * a different one (or any after FAILED_DELIVERY) is a conflict.
     */
    public Acknowledged acknowledge(AcknowledgementKind kind, String text, Instant at) {
        if (isPending()) {
            ackKind = kind;
            ackText = text;
            acknowledgedAt = at;
            deliveryStatus = statusOf(kind);
            nextAttemptAt = null;
            return Acknowledged.SET;
        }
        return ackKind == kind ? Acknowledged.REPEATED : Acknowledged.CONFLICT;
    }

    public static DeliveryStatus statusOf(AcknowledgementKind kind) {
        switch (kind) {
            case OK:
                return DeliveryStatus.DELIVERED;
            case OK_WITH_WARNINGS:
                return DeliveryStatus.DELIVERED_WITH_WARNINGS;
            default:
                return DeliveryStatus.DELIVERED_NOT_READABLE;
        }
    }

    /** After a failed push: try again at {@code next}. */
    public void retryAt(Instant next) {
        this.nextAttemptAt = next;
    }

    /** The hub gave up pushing. */
    public void fail(Instant at) {
        if (!isPending()) {
            throw new IllegalStateException("only a pending message can fail, " + trackingNumber + " is "
                    + deliveryStatus);
        }
        deliveryStatus = DeliveryStatus.FAILED_DELIVERY;
        failedAt = at;
        nextAttemptAt = null;
    }

    /** The secretariat resends a failed delivery: pending again, due now, with a fresh retry window. */
    public void resend(Instant now) {
        if (deliveryStatus != DeliveryStatus.FAILED_DELIVERY) {
            throw new IllegalStateException("only a failed delivery can be resent");
        }
        if (payloadPurgedAt != null) {
            throw new IllegalStateException("the payload of " + trackingNumber + " was purged");
        }
        deliveryStatus = DeliveryStatus.PENDING_DELIVERY;
        failedAt = null;
        firstAttemptAt = null;
        nextAttemptAt = now;
        releaseClaim();
    }

    /**
     * The retention purge deleted the payload row at {@code at}; only a delivered or failed document may lose it
     * (a pending one still has to reach its recipient).
     */
    public void payloadPurged(Instant at) {
        if (isPending()) {
            throw new IllegalStateException("the payload of " + trackingNumber + " is still to be delivered");
        }
        if (payloadPurgedAt == null) {
            payloadPurgedAt = at;
        }
    }

    /** The recipient's gateway now pulls: hand the message over to its inbox. */
    public void deliverByPull() {
        deliveryMode = DeliveryMode.PULL;
        nextAttemptAt = null;
        releaseClaim();
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

    public DeliveryStatus deliveryStatus() {
        return deliveryStatus;
    }

    public String dependsOn() {
        return dependsOn;
    }

    public boolean dependencyOpen() {
        return dependencyOpen;
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstAttemptAt() {
        return firstAttemptAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }

    public AcknowledgementKind ackKind() {
        return ackKind;
    }

    public String ackText() {
        return ackText;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant failedAt() {
        return failedAt;
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
