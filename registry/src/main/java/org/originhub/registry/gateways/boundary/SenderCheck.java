package org.originhub.registry.gateways.boundary;

import java.time.Instant;
import org.originhub.registry.gateways.entity.GatewayStatus;
import org.originhub.registry.memberstates.entity.MemberStatus;

/**
 * The registry's answer to "who signed this?": for a certificate fingerprint, whether it belongs to a gateway that may
 * exchange now, and if not, exactly why. The security pipeline turns a refusal into a SOAP fault.
 *
 * @param memberStatus the status of the gateway's member state where the check read it (ACCEPTED, and
 *     MEMBER_NOT_ACTIVE: SUSPENDED or WITHDRAWN), null otherwise or for a member state that is not registered
 * @param detail the reason in words, for logs and the audit; never parsed
 */
public record SenderCheck(Verdict verdict, String memberCode, Long gatewayId, String gatewayName,
        MemberStatus memberStatus, String detail) {

    public enum Verdict {
        /** The active or staged certificate of an active gateway of an active member. */
        ACCEPTED,
        /** No gateway certificate with this fingerprint is registered. */
        UNKNOWN_CERTIFICATE,
        CERTIFICATE_REVOKED,
        CERTIFICATE_SUPERSEDED,
        CERTIFICATE_EXPIRED,
        GATEWAY_SUSPENDED,
        MEMBER_NOT_ACTIVE
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }

    /** Whether the member state has withdrawn from the community (final), not only been suspended. */
    public boolean memberWithdrawn() {
        return memberStatus == MemberStatus.WITHDRAWN;
    }

    /**
     * The verdict on a certificate at {@code at}: refused when it is not registered ({@code facts} null), revoked,
     * superseded, expired or outside its validity, or its gateway or member state is not active.
     */
    public static SenderCheck of(String fingerprint, SenderFacts facts, Instant at) {
        if (facts == null) {
            return refused(Verdict.UNKNOWN_CERTIFICATE, null, null, null,
                    "the signing certificate " + fingerprint + " is not registered for any gateway");
        }
        String member = facts.memberCode();
        Long gatewayId = facts.gatewayId();
        String name = facts.gatewayName();
        switch (facts.certificateStatus()) {
            case REVOKED:
                return refused(Verdict.CERTIFICATE_REVOKED, member, gatewayId, name,
                        "the signing certificate was revoked on " + facts.revokedAt());
            case SUPERSEDED:
                return refused(Verdict.CERTIFICATE_SUPERSEDED, member, gatewayId, name,
                        "the signing certificate was superseded by a newer certificate of gateway " + facts.gateway());
            case EXPIRED:
                return refused(Verdict.CERTIFICATE_EXPIRED, member, gatewayId, name,
                        "the signing certificate expired on " + facts.notAfter());
            default:
                break;
        }
        if (!at.isBefore(facts.notAfter()) || at.isBefore(facts.notBefore())) {
            return refused(Verdict.CERTIFICATE_EXPIRED, member, gatewayId, name,
                    "the signing certificate is valid only from " + facts.notBefore() + " to " + facts.notAfter());
        }
        if (facts.gatewayStatus() != GatewayStatus.ACTIVE) {
            return refused(Verdict.GATEWAY_SUSPENDED, member, gatewayId, name,
                    "gateway " + facts.gateway() + " is " + facts.gatewayStatus());
        }
        if (facts.memberStatus() != MemberStatus.ACTIVE) {
            return new SenderCheck(Verdict.MEMBER_NOT_ACTIVE, member, gatewayId, name, facts.memberStatus(),
                    "member state " + member + " is " + (facts.memberStatus() == null ? "unknown"
                            : facts.memberStatus()));
        }
        return new SenderCheck(Verdict.ACCEPTED, member, gatewayId, name, facts.memberStatus(), null);
    }

    static SenderCheck refused(Verdict verdict, String memberCode, Long gatewayId, String gatewayName,
            String detail) {
        return new SenderCheck(verdict, memberCode, gatewayId, gatewayName, null, detail);
    }
}
