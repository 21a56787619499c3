package org.originhub.registry.authorities.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.memberstates.entity.MemberStateCode;

/**
 * A body that issues COs for a member state (ministry, chamber of commerce, customs). ACTIVE within its validity;
 * revocation is final and ends the authority of all its signers.
 */
@Entity
@Table(name = "issuing_authority")
@NamedQuery(name = IssuingAuthority.OF_MEMBER,
        query = "SELECT a FROM IssuingAuthority a WHERE a.memberCode = :member ORDER BY a.name")
@NamedQuery(name = IssuingAuthority.ALL, query = "SELECT a FROM IssuingAuthority a ORDER BY a.memberCode, a.name")
public class IssuingAuthority {

    public static final String OF_MEMBER = "IssuingAuthority.ofMember";
    public static final String ALL = "IssuingAuthority.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "member_code", nullable = false, updatable = false, length = 2)
    private String memberCode;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

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

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected IssuingAuthority() {
    }

    public IssuingAuthority(MemberStateCode member, String name, Instant validFrom, Instant validUntil, Instant now) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidInputException("InvalidName", "An issuing authority needs a name of 1 to 200 characters");
        }
        if (validUntil != null && validFrom != null && validUntil.isBefore(validFrom)) {
            throw new InvalidInputException("InvalidPeriod", "An authority's validity cannot end before it starts");
        }
        this.memberCode = member.value();
        this.name = name.strip();
        this.validFrom = validFrom == null ? now : validFrom;
        this.validUntil = validUntil;
        this.status = "ACTIVE";
        this.createdAt = now;
    }

    public void revoke(Instant now, String reason) {
        if (isRevoked()) {
            throw new ConflictException("AlreadyRevoked", "Issuing authority " + name + " is already revoked");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("MissingReason", "Revoking an issuing authority needs a reason");
        }
        status = "REVOKED";
        revokedAt = now;
        revocationReason = reason.strip();
    }

    public boolean isRevoked() {
        return "REVOKED".equals(status);
    }

    /** Authorised at {@code at}: within validity and not revoked by then. */
    public boolean authorisedAt(Instant at) {
        return !at.isBefore(validFrom) && (validUntil == null || at.isBefore(validUntil))
                && (revokedAt == null || at.isBefore(revokedAt));
    }

    public Long id() {
        return id;
    }

    public MemberStateCode memberCode() {
        return new MemberStateCode(memberCode);
    }

    public String name() {
        return name;
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

    public String revocationReason() {
        return revocationReason;
    }
}
