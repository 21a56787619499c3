package org.originhub.registry.requests.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A one-time code the secretariat gives a member state so that its new gateway can register itself over SOAP. Only
 * its SHA-256 is stored; it is usable once, before it expires.
 */
@Entity
@Table(name = "onboarding_code")
@NamedQuery(name = OnboardingCode.BY_HASH, query = "SELECT c FROM OnboardingCode c WHERE c.codeHash = :hash")
public class OnboardingCode {

    public static final String BY_HASH = "OnboardingCode.byHash";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "member_code", nullable = false, updatable = false, length = 2)
    private String memberCode;

    @Column(name = "code_hash", nullable = false, updatable = false, length = 64)
    private String codeHash;

    @Column(name = "issued_by", nullable = false, updatable = false, length = 200)
    private String issuedBy;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "used_by_request_id")
    private Long usedByRequestId;

    protected OnboardingCode() {
    }

    public OnboardingCode(String memberCode, String codeHash, String issuedBy, Instant now, Instant expiresAt) {
        this.memberCode = memberCode;
        this.codeHash = codeHash;
        this.issuedBy = issuedBy;
        this.issuedAt = now;
        this.expiresAt = expiresAt;
    }

    /** Why the code cannot be used now for {@code member}, or null if it can. */
    public String refusal(String member, Instant now) {
        if (usedAt != null) {
            return "the onboarding code has already been used";
        }
        if (!now.isBefore(expiresAt)) {
            return "the onboarding code expired on " + expiresAt;
        }
        if (!memberCode.equals(member)) {
            return "the onboarding code was not issued for member state " + member;
        }
        return null;
    }

    public void use(Long requestId, Instant now) {
        this.usedAt = now;
        this.usedByRequestId = requestId;
    }

    public Long id() {
        return id;
    }

    public String memberCode() {
        return memberCode;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
