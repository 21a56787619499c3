package org.originhub.registry.gateways.boundary;

/**
 * The registry's answer to "who signed this?": for a certificate fingerprint, whether it belongs to a gateway that may
 * exchange now, and if not, exactly why. The security pipeline turns a refusal into a SOAP fault.
 */
public record SenderCheck(Verdict verdict, String memberCode, Long gatewayId, String gatewayName, String detail) {

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

    static SenderCheck refused(Verdict verdict, String memberCode, Long gatewayId, String gatewayName,
            String detail) {
        return new SenderCheck(verdict, memberCode, gatewayId, gatewayName, detail);
    }
}
