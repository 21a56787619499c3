package org.originhub.registry.certificates.entity;

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
        query = "SELECT a FROM TrustAnchor a WHERE a.certificate.fingerprint = :fingerprint")
public class TrustAnchor {

    public static final String ALL = "TrustAnchor.all";
    public static final String ACTIVE = "TrustAnchor.inStatus";
    public static final String BY_FINGERPRINT = "TrustAnchor.byFingerprint";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Embedded
    private StoredCertificate certificate;

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
        this.certificate = new StoredCertificate(data);
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

    public Instant notBefore() {
        return certificate.notBefore();
    }

    public Instant notAfter() {
        return certificate.notAfter();
    }

    public byte[] der() {
        return certificate.der();
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
