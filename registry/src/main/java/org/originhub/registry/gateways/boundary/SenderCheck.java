package org.originhub.registry.gateways.boundary;

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

    static SenderCheck refused(Verdict verdict, String memberCode, Long gatewayId, String gatewayName,
            String detail) {
        return new SenderCheck(verdict, memberCode, gatewayId, gatewayName, null, detail);
    }
}
