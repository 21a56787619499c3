package org.originhub.soap.security;

import java.util.Objects;

/**
 * The directory's answer about one signing certificate: accepted, with the member state (ISO 3166-1 alpha-2) and
 * gateway it belongs to, or refused, with the reason.
 */
public record SenderStanding(Status status, String memberCode, String gatewayId) {

    /** Why a certificate may or may not sign for its gateway now; each refusal maps to its own fault reason. */
    public enum Status {
        /** The gateway's current certificate. */
        ACTIVE(null),
        /** The gateway's next certificate, registered ahead of a rollover: accepted like the active one. */
        STAGED(null),
        UNKNOWN(FaultCode.CERTIFICATE_NOT_REGISTERED),
        REVOKED(FaultCode.CERTIFICATE_REVOKED),
        SUPERSEDED(FaultCode.CERTIFICATE_SUPERSEDED),
        EXPIRED(FaultCode.CERTIFICATE_EXPIRED),
        NOT_YET_VALID(FaultCode.CERTIFICATE_NOT_YET_VALID),
        GATEWAY_SUSPENDED(FaultCode.GATEWAY_SUSPENDED),
        GATEWAY_RETIRED(FaultCode.GATEWAY_RETIRED),
        MEMBER_SUSPENDED(FaultCode.MEMBER_SUSPENDED),
        MEMBER_WITHDRAWN(FaultCode.MEMBER_WITHDRAWN);

        private final FaultCode refusal;

        Status(FaultCode refusal) {
            this.refusal = refusal;
        }

        public boolean accepted() {
            return refusal == null;
        }

        /** The fault for a refused certificate; null when accepted. */
        FaultCode refusal() {
            return refusal;
        }
    }

    public SenderStanding {
        Objects.requireNonNull(status, "status");
        if (status.accepted()) {
            if (memberCode == null || !memberCode.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("An accepted sender needs an ISO 3166-1 alpha-2 member code");
            }
            if (gatewayId == null || gatewayId.isBlank()) {
                throw new IllegalArgumentException("An accepted sender needs a gateway id");
            }
        }
    }

    public static SenderStanding active(String memberCode, String gatewayId) {
        return new SenderStanding(Status.ACTIVE, memberCode, gatewayId);
    }

    public static SenderStanding staged(String memberCode, String gatewayId) {
        return new SenderStanding(Status.STAGED, memberCode, gatewayId);
    }

    public static SenderStanding unknown() {
        return new SenderStanding(Status.UNKNOWN, null, null);
    }

    /** A refusal; the member and gateway may be given for the hub's log even though the sender is refused. */
    public static SenderStanding refused(Status status, String memberCode, String gatewayId) {
        if (status.accepted()) {
            throw new IllegalArgumentException(status + " is not a refusal");
        }
        return new SenderStanding(status, memberCode, gatewayId);
    }

    public static SenderStanding refused(Status status) {
        return refused(status, null, null);
    }

    public boolean accepted() {
        return status.accepted();
    }
}
