package org.originhub.soap.security;

/**
 * Where the SOAP edge reports every request it refuses, so that a refusal is recorded in the audit log even when it
 * happens before any business code runs (a bad signature, a replay, an unknown sender, an unreadable request). The
 * hub implements it over the audit trail; refusals already recorded by the domain (a {@link RequestFault} marked as
 * audited) are not reported again.
 */
@FunctionalInterface
public interface RejectionLog {

    /** Records one refusal. Must not throw: a failure to record is logged by the implementation. */
    void rejected(Rejection rejection);

    /** A log that records nothing, for public services whose faults concern no exchange. */
    RejectionLog NONE = rejection -> { };

    /**
     * One refused request.
     *
     * @param service the SOAP service (e.g. ExchangeService)
     * @param operation the Body element's local name when it could be read, else null
     * @param code the wire fault code (SecurityError, Replay, ...)
     * @param reason the reason sent to the caller
     * @param signerFingerprint SHA-256 of the signing certificate when the signature was read, else null
     * @param signerMember the member state of the signer when it was established, else null
     */
    record Rejection(String service, String operation, String code, String reason, String signerFingerprint,
            String signerMember) {
    }
}
