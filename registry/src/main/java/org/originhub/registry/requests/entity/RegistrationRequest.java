package org.originhub.registry.requests.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;

/**
 * A requested registry change. Aggregate root. Life cycle: SUBMITTED, then exactly one of APPROVED / REJECTED (by the
 * secretariat, with a reason for a rejection) or CANCELLED (by the submitter). Decided requests never change again.
 * It carries everything the change needs (gateway name, mode, endpoint, permissions, certificate DER), so approval
 * can apply it without asking anyone again.
 */
@Entity
@Table(name = "registration_request")
@NamedQuery(name = RegistrationRequest.IN_STATUS,
        query = "SELECT r FROM RegistrationRequest r WHERE r.status = :status ORDER BY r.submittedAt")
@NamedQuery(name = RegistrationRequest.ALL, query = "SELECT r FROM RegistrationRequest r ORDER BY r.submittedAt DESC")
@NamedQuery(name = RegistrationRequest.OPEN_WITH_CERTIFICATE, query = "SELECT r FROM RegistrationRequest r "
        + "WHERE r.status = org.originhub.registry.requests.entity.RequestStatus.SUBMITTED "
        + "AND r.certificateFingerprint = :fingerprint")
@NamedQuery(name = RegistrationRequest.OPEN_FOR_GATEWAY_NAME, query = "SELECT r FROM RegistrationRequest r "
        + "WHERE r.status = org.originhub.registry.requests.entity.RequestStatus.SUBMITTED "
        + "AND r.kind = org.originhub.registry.requests.entity.RequestKind.GATEWAY_REGISTRATION "
        + "AND r.memberCode = :member AND r.gatewayName = :name")
public class RegistrationRequest {

    public static final String IN_STATUS = "RegistrationRequest.inStatus";
    public static final String ALL = "RegistrationRequest.all";
    public static final String OPEN_WITH_CERTIFICATE = "RegistrationRequest.openWithCertificate";
    public static final String OPEN_FOR_GATEWAY_NAME = "RegistrationRequest.openForGatewayName";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false, length = 32)
    private RequestKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private RequestStatus status;

    @Column(name = "member_code", nullable = false, updatable = false, length = 2)
    private String memberCode;

    @Column(name = "gateway_id")
    private Long gatewayId;

    @Column(name = "gateway_name", length = 100)
    private String gatewayName;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_mode", length = 8)
    private DeliveryMode deliveryMode;

    @Column(name = "endpoint_url", length = 500)
    private String endpointUrl;

    @Column(name = "document_types", length = 1000)
    private String documentTypes;

    // Not LAZY: with weaving, EclipseLink loads a lazy attribute by refreshing the object's fetch group, which threw
    // away an approval made earlier in the same transaction (seen in HubSystemIT, not in unwoven SE tests).
    @Lob
    @Column(name = "certificate_der")
    private byte[] certificateDer;

    @Column(name = "certificate_fingerprint", length = 64)
    private String certificateFingerprint;

    @Column(name = "submitted_by", nullable = false, updatable = false, length = 200)
    private String submittedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "submitted_via", nullable = false, updatable = false, length = 16)
    private SubmissionChannel submittedVia;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    private Instant submittedAt;

    @Column(name = "comment", length = 1000)
    private String comment;

    @Column(name = "decided_by", length = 200)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reason", length = 1000)
    private String decisionReason;

    @Version
    private long version;

    protected RegistrationRequest() {
    }

    private RegistrationRequest(RequestKind kind, String memberCode, String submittedBy, SubmissionChannel via,
            String comment, Instant now) {
        this.kind = kind;
        this.status = RequestStatus.SUBMITTED;
        this.memberCode = memberCode;
        this.submittedBy = submittedBy;
        this.submittedVia = via;
        this.comment = clip(comment, 1000);
        this.submittedAt = now;
    }

    public static RegistrationRequest gatewayRegistration(String memberCode, String gatewayName, DeliveryMode mode,
            String endpointUrl, List<DocumentPermission> permissions, byte[] certificateDer, String fingerprint,
            String submittedBy, SubmissionChannel via, String comment, Instant now) {
        RegistrationRequest r = new RegistrationRequest(RequestKind.GATEWAY_REGISTRATION, memberCode, submittedBy,
                via, comment, now);
        r.gatewayName = gatewayName;
        r.deliveryMode = mode;
        r.endpointUrl = endpointUrl;
        r.documentTypes = String.join(",", permissions.stream().map(DocumentPermission::toString).toList());
        r.certificateDer = certificateDer.clone();
        r.certificateFingerprint = fingerprint;
        return r;
    }

    /** A new certificate for an existing gateway: CERTIFICATE_REGISTRATION or CERTIFICATE_ROTATION. */
    public static RegistrationRequest certificate(RequestKind kind, String memberCode, Long gatewayId,
            byte[] certificateDer, String fingerprint, String submittedBy, SubmissionChannel via, String comment,
            Instant now) {
        if (kind != RequestKind.CERTIFICATE_REGISTRATION && kind != RequestKind.CERTIFICATE_ROTATION) {
            throw new IllegalArgumentException(kind + " is not a certificate request");
        }
        RegistrationRequest r = new RegistrationRequest(kind, memberCode, submittedBy, via, comment, now);
        r.gatewayId = gatewayId;
        r.certificateDer = certificateDer.clone();
        r.certificateFingerprint = fingerprint;
        return r;
    }

    public static RegistrationRequest endpointChange(String memberCode, Long gatewayId, DeliveryMode mode,
            String endpointUrl, String submittedBy, SubmissionChannel via, String comment, Instant now) {
        RegistrationRequest r = new RegistrationRequest(RequestKind.ENDPOINT_CHANGE, memberCode, submittedBy, via,
                comment, now);
        r.gatewayId = gatewayId;
        r.deliveryMode = mode;
        r.endpointUrl = endpointUrl;
        return r;
    }

    public void approve(String by, String reason, Instant now) {
        decide(RequestStatus.APPROVED, by, reason, now);
    }

    public void reject(String by, String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("MissingReason", "Rejecting request " + id + " needs a reason");
        }
        decide(RequestStatus.REJECTED, by, reason, now);
    }

    public void cancel(String by, Instant now) {
        decide(RequestStatus.CANCELLED, by, "cancelled by the submitter", now);
    }

    private void decide(RequestStatus outcome, String by, String reason, Instant now) {
        if (status != RequestStatus.SUBMITTED) {
            throw new ConflictException("AlreadyDecided", "Request " + id + " is already " + status
                    + (decidedBy == null ? "" : " (by " + decidedBy + " at " + decidedAt + ")"));
        }
        this.status = outcome;
        this.decidedBy = by;
        this.decidedAt = now;
        this.decisionReason = clip(reason, 1000);
    }

    /** Set when an approved gateway registration created its gateway. */
    public void gatewayCreated(Long id) {
        this.gatewayId = id;
    }

    private static String clip(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }

    public List<DocumentPermission> permissions() {
        if (documentTypes == null || documentTypes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(documentTypes.split(",")).map(DocumentPermission::parse).toList();
    }

    public Long id() {
        return id;
    }

    public RequestKind kind() {
        return kind;
    }

    public RequestStatus status() {
        return status;
    }

    public String memberCode() {
        return memberCode;
    }

    public Long gatewayId() {
        return gatewayId;
    }

    public String gatewayName() {
        return gatewayName;
    }

    public DeliveryMode deliveryMode() {
        return deliveryMode;
    }

    public String endpointUrl() {
        return endpointUrl;
    }

    public byte[] certificateDer() {
        return certificateDer == null ? null : certificateDer.clone();
    }

    public String certificateFingerprint() {
        return certificateFingerprint;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public SubmissionChannel submittedVia() {
        return submittedVia;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String comment() {
        return comment;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decisionReason() {
        return decisionReason;
    }
}
