package org.originhub.registry.certificates.entity;

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
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;

/**
 * A CA certificate (the community CA, a national CA) that gateway and signer certificates must chain to. Imported
 * ACTIVE; RETIRED is final.
 */
@Entity
@Table(name = "trust_anchor")
@NamedQuery(name = TrustAnchor.ALL, query = "SELECT a FROM TrustAnchor a ORDER BY a.name")
@NamedQuery(name = TrustAnchor.ACTIVE, query = "SELECT a FROM TrustAnchor a WHERE a.status = :status")
@NamedQuery(name = TrustAnchor.BY_FINGERPRINT,
        query = "SELECT a FROM TrustAnchor a WHERE a.fingerprint = :fingerprint")
public class TrustAnchor {

    public static final String ALL = "TrustAnchor.all";
    public static final String ACTIVE = "TrustAnchor.inStatus";
    public static final String BY_FINGERPRINT = "TrustAnchor.byFingerprint";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "fingerprint", nullable = false, updatable = false, length = 64)
    private String fingerprint;

    @Column(name = "subject", nullable = false, updatable = false, length = 1000)
    private String subject;

    @Column(name = "issuer", nullable = false, updatable = false, length = 1000)
    private String issuer;

    @Column(name = "serial_number", nullable = false, updatable = false, length = 80)
    private String serialNumber;

    @Column(name = "not_before", nullable = false, updatable = false)
    private Instant notBefore;

    @Column(name = "not_after", nullable = false, updatable = false)
    private Instant notAfter;

    @Lob
    @Column(name = "der", nullable = false, updatable = false)
    private byte[] der;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private AnchorStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 200)
    private String createdBy;

    @Version
    private long version;

    protected TrustAnchor() {
    }

    public TrustAnchor(String name, CertificateData data, String createdBy, Instant now) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("InvalidName", "A trust anchor needs a name of 1 to 200 characters");
        }
        this.name = name.strip();
        this.fingerprint = data.fingerprint();
        this.subject = data.subject();
        this.issuer = data.issuer();
        this.serialNumber = data.serialNumber();
        this.notBefore = data.notBefore();
        this.notAfter = data.notAfter();
        this.der = data.der().clone();
        this.status = AnchorStatus.ACTIVE;
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    public void retire() {
        if (status == AnchorStatus.RETIRED) {
            throw new ConflictException("InvalidTransition", "Trust anchor " + name + " is already retired");
        }
        status = AnchorStatus.RETIRED;
    }

    public boolean isActive() {
        return status == AnchorStatus.ACTIVE;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String subject() {
        return subject;
    }

    public String issuer() {
        return issuer;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    public byte[] der() {
        return der.clone();
    }

    public AnchorStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
