package org.originhub.registry.authorities.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.originhub.registry.certificates.entity.CertificateData;
import org.originhub.registry.certificates.entity.StoredCertificate;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;

/**
 * An official of an issuing authority whose certificate signs COs. Authorised from {@code validFrom} until
 * {@code validUntil} (open-ended when null), within the certificate's own validity, until revoked; for the listed
 * agreements, or for every agreement of its member state when none is listed.
 */
@Entity
@Table(name = "authorised_signer")
@NamedQuery(name = AuthorisedSigner.BY_FINGERPRINT,
        query = "SELECT s FROM AuthorisedSigner s WHERE s.certificate.fingerprint = :fingerprint")
@NamedQuery(name = AuthorisedSigner.OF_MEMBER,
        query = "SELECT s FROM AuthorisedSigner s WHERE s.memberCode = :member ORDER BY s.name")
@NamedQuery(name = AuthorisedSigner.ACTIVE_EXPIRING_BEFORE, query = "SELECT s FROM AuthorisedSigner s "
        + "WHERE s.status = 'ACTIVE' AND s.certificate.notAfter < :limit")
@NamedQuery(name = AuthorisedSigner.ACTIVE, query = "SELECT s FROM AuthorisedSigner s WHERE s.status = 'ACTIVE' "
        + "ORDER BY s.memberCode, s.name")
public class AuthorisedSigner {

    public static final String BY_FINGERPRINT = "AuthorisedSigner.byFingerprint";
    public static final String OF_MEMBER = "AuthorisedSigner.ofMember";
    public static final String ACTIVE = "AuthorisedSigner.active";
    public static final String ACTIVE_EXPIRING_BEFORE = "AuthorisedSigner.activeExpiringBefore";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "authority_id", nullable = false, updatable = false)
    private Long authorityId;

    @Column(name = "member_code", nullable = false, updatable = false, length = 2)
    private String memberCode;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "anchor_id", nullable = false, updatable = false)
    private Long anchorId;

    @Embedded
    private StoredCertificate certificate;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revocation_reason", length = 500)
    private String revocationReason;

    @Column(name = "expiry_warned_days")
    private Integer expiryWarnedDays;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "authorised_signer_agreement", joinColumns = @JoinColumn(name = "signer_id"))
    @Column(name = "agreement_id")
    private Set<Long> agreementIds = new TreeSet<>();

    @Version
    private long version;

    protected AuthorisedSigner() {
    }

    public AuthorisedSigner(IssuingAuthority authority, String name, Long anchorId, CertificateData certificate,
            Instant validFrom, Instant validUntil, Collection<Long> agreementIds, Instant now) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("InvalidName", "An authorised signer needs a name of 1 to 200 characters");
        }
        this.authorityId = authority.id();
        this.memberCode = authority.memberCode().value();
        this.name = name.strip();
        this.anchorId = anchorId;
        this.certificate = new StoredCertificate(certificate);
        this.validFrom = validFrom == null ? now : validFrom;
        this.validUntil = validUntil;
        if (validUntil != null && validUntil.isBefore(this.validFrom)) {
            throw new InvalidInputException("InvalidPeriod", "A signer's authorisation cannot end before it starts");
        }
        this.status = "ACTIVE";
        this.createdAt = now;
        this.agreementIds.addAll(agreementIds);
    }

    public void revoke(Instant now, String reason) {
        if (revokedAt != null) {
            throw new ConflictException("AlreadyRevoked", "Signer " + name + " is already revoked");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("MissingReason", "Revoking a signer needs a reason");
        }
        status = "REVOKED";
        revokedAt = now;
        revocationReason = reason.strip();
    }

    /**
     * Why this signer was not authorised at {@code at} for the agreement (by id), or null when it was. The authority
     * is checked by the caller.
     */
    public String refusalAt(Instant at, Long agreementId) {
        if (revokedAt != null && !at.isBefore(revokedAt)) {
            return "the signer's authorisation was revoked on " + revokedAt + " (" + revocationReason + ")";
        }
        if (at.isBefore(validFrom)) {
            return "the signer was authorised only from " + validFrom;
        }
        if (validUntil != null && !at.isBefore(validUntil)) {
            return "the signer's authorisation ended on " + validUntil;
        }
        if (!certificate.validAt(at)) {
            return "the certificate was not valid then (valid " + certificate.notBefore() + " to "
                    + certificate.notAfter() + ")";
        }
        if (agreementId != null && !agreementIds.isEmpty() && !agreementIds.contains(agreementId)) {
            return "the signer is not authorised for that agreement";
        }
        return null;
    }

    public Integer expiryWarnedDays() {
        return expiryWarnedDays;
    }

    public void recordExpiryWarning(int days) {
        this.expiryWarnedDays = days;
    }

    public Long id() {
        return id;
    }

    public Long authorityId() {
        return authorityId;
    }

    public String memberCode() {
        return memberCode;
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

    public String serialNumber() {
        return certificate.serialNumber();
    }

    public Long anchorId() {
        return anchorId;
    }

    public Instant notBefore() {
        return certificate.notBefore();
    }

    public Instant notAfter() {
        return certificate.notAfter();
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public String status() {
        return status;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Set<Long> agreementIds() {
        return Collections.unmodifiableSet(agreementIds);
    }
}
