package org.originhub.registry.certificates.control;

/** Why a certificate revocation list was not imported for a trust anchor. */
public enum CrlRefusal {
    /** Empty input, neither PEM nor DER, or not a single CRL. */
    UNPARSEABLE,
    /** The CRL names another issuer than the anchor it is imported for. */
    WRONG_ISSUER,
    /** The CRL names the anchor as issuer, but its signature does not verify with the anchor's public key. */
    BAD_SIGNATURE,
    /** Its {@code thisUpdate} lies in the future (beyond the allowed clock skew). */
    NOT_YET_ISSUED
}
