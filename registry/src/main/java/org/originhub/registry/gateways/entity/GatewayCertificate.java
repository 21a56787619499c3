package org.originhub.registry.gateways.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.originhub.registry.certificates.entity.CertificateData;
import org.originhub.registry.certificates.entity.StoredCertificate;
import org.originhub.registry.errors.ConflictException;

/**
 * The X.509 certificate a gateway signs its SOAP messages with, stored as DER with its SHA-256 fingerprint (the key
 * the security pipeline looks it up by). See {@link CertificateStatus} for the life cycle.
 */
@Entity
@Table(name = "gateway_certificate")
@NamedQuery(name = GatewayCertificate.BY_FINGERPRINT,
        query = "SELECT c FROM GatewayCertificate c WHERE c.certificate.fingerprint = :fingerprint")
@NamedQuery(name = GatewayCertificate.OF_GATEWAY,
        query = "SELECT c FROM GatewayCertificate c WHERE c.gatewayId = :gateway ORDER BY c.registeredAt DESC")
@NamedQuery(name = GatewayCertificate.OF_GATEWAY_IN_STATUS,
        query = "SELECT c FROM GatewayCertificate c WHERE c.gatewayId = :gateway AND c.status = :status")
@NamedQuery(name = GatewayCertificate.OF_GATEWAY_IN_STATUSES,
        query = "SELECT c FROM GatewayCertificate c WHERE c.gatewayId = :gateway AND c.status IN :statuses")
@NamedQuery(name = GatewayCertificate.SIGNING_EXPIRING_BEFORE,
        query = "SELECT c FROM GatewayCertificate c WHERE c.status IN :statuses AND c.certificate.notAfter < :limit")
@NamedQuery(name = GatewayCertificate.OF_ANCHOR_IN_STATUSES,
        query = "SELECT c FROM GatewayCertificate c WHERE c.anchorId = :anchor AND c.status IN :statuses")
public class GatewayCertificate {

    public static final String BY_FINGERPRINT = "GatewayCertificate.byFingerprint";
    public static final String OF_GATEWAY = "GatewayCertificate.ofGateway";
    public static final String OF_GATEWAY_IN_STATUS = "GatewayCertificate.ofGatewayInStatus";
    public static final String OF_GATEWAY_IN_STATUSES = "GatewayCertificate.ofGatewayInStatuses";
    public static final String SIGNING_EXPIRING_BEFORE = "GatewayCertificate.signingExpiringBefore";
    public static final String OF_ANCHOR_IN_STATUSES = "GatewayCertificate.ofAnchorInStatuses";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "gateway_id", nullable = false, updatable = false)
    private Long gatewayId;

    @Column(name = "anchor_id", nullable = false, updatable = false)
    private Long anchorId;

    @Embedded
    private StoredCertificate certificate;

    @Column(name = "key_algorithm", nullable = false, updatable = false, length = 16)
    private String keyAlgorithm;

    @Column(name = "key_size", nullable = false, updatable = false)
    private int keySize;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private CertificateStatus status;

    @Column(name = "registered_at", nullable = false, updatable = false)
    private Instant registeredAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "superseded_at")
    private Instant supersededAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revocation_reason", length = 500)
    private String revocationReason;

    @Column(name = "expiry_warned_days")
    private Integer expiryWarnedDays;

    @Version
    private long version;

    protected GatewayCertificate() {
    }

    /** A certificate the policy accepted, registered for a gateway as ACTIVE or STAGED. */
    public GatewayCertificate(Long gatewayId, Long anchorId, CertificateData data, CertificateStatus initial,
            Instant now) {
        if (initial != CertificateStatus.ACTIVE && initial != CertificateStatus.STAGED) {
            throw new IllegalArgumentException("a certificate is registered ACTIVE or STAGED, not " + initial);
        }
        this.gatewayId = gatewayId;
        this.anchorId = anchorId;
        this.certificate = new StoredCertificate(data);
        this.keyAlgorithm = data.keyAlgorithm();
        this.keySize = data.keySize();
        this.status = initial;
        this.registeredAt = now;
        if (initial == CertificateStatus.ACTIVE) {
            this.activatedAt = now;
        }
    }

    /** The staged certificate becomes the active one. */
    public void activate(Instant now) {
        if (status != CertificateStatus.STAGED) {
            throw new ConflictException("InvalidTransition", "Only a staged certificate can be activated; "
                    + certificate.fingerprint() + " is " + status);
        }
        status = CertificateStatus.ACTIVE;
        activatedAt = now;
    }

    public void supersede(Instant now) {
        if (status != CertificateStatus.ACTIVE) {
            throw new ConflictException("InvalidTransition", "Only the active certificate can be superseded; "
                    + certificate.fingerprint() + " is " + status);
        }
        status = CertificateStatus.SUPERSEDED;
        supersededAt = now;
    }

    public void revoke(Instant now, String reason) {
        if (status == CertificateStatus.REVOKED) {
            throw new ConflictException("AlreadyRevoked", "Certificate " + certificate.fingerprint() + " is already revoked");
        }
        if (reason == null || reason.isBlank()) {
            throw new org.originhub.registry.errors.InvalidInputException("MissingReason",
                    "Revoking a certificate needs a reason");
        }
        status = CertificateStatus.REVOKED;
        revokedAt = now;
        revocationReason = reason.strip().length() > 500 ? reason.strip().substring(0, 500) : reason.strip();
    }

    /** Past its validity: expired without anyone acting (only signing certificates change). */
    public boolean expireIfPast(Instant now) {
        if (status.signs() && !now.isBefore(certificate.notAfter())) {
            status = CertificateStatus.EXPIRED;
            return true;
        }
        return false;
    }

    public void recordExpiryWarning(int days) {
        this.expiryWarnedDays = days;
    }

    public Long id() {
        return id;
    }

    public Long gatewayId() {
        return gatewayId;
    }

    public Long anchorId() {
        return anchorId;
    }

    public String fingerprint() {
        return certificate.fingerprint();
    }

    public String subject() {
        return certificate.subject();
    }

    public String issuer() {
        return certificate.issuer();
    }

    public String serialNumber() {
        return certificate.serialNumber();
    }

    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public int keySize() {
        return keySize;
    }

    public Instant notBefore() {
        return certificate.notBefore();
    }

    public Instant notAfter() {
        return certificate.notAfter();
    }

    public byte[] der() {
        return certificate.der();
    }

    public CertificateStatus status() {
        return status;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant activatedAt() {
        return activatedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revocationReason() {
        return revocationReason;
    }

    public Integer expiryWarnedDays() {
        return expiryWarnedDays;
    }
}
