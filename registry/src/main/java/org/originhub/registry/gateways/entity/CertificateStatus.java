package org.originhub.registry.gateways.entity;

/**
 * Life cycle of a gateway certificate. A certificate is registered when its request is approved: ACTIVE if the
 * gateway has none, STAGED (rotation overlap) otherwise. Activating a STAGED certificate makes the ACTIVE one
 * SUPERSEDED. REVOKED (by the secretariat or a CRL) and EXPIRED (past its validity) are final.
 */
public enum CertificateStatus {
    ACTIVE, STAGED, SUPERSEDED, REVOKED, EXPIRED;

    /** The statuses whose signatures the hub accepts. */
    public boolean signs() {
        return this == ACTIVE || this == STAGED;
    }
}
