package org.originhub.registry.certificates.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.originhub.registry.certificates.entity.CertificateFingerprint;

/**
 * A CRL that was verified as issued by the anchor it is imported for. Whether it replaces what was imported before is
 * the boundary's decision; comparing {@code thisUpdate} with the stored one keeps an older, replayed list from
 * overriding a newer one.
 *
 * @param anchor fingerprint of the issuing anchor
 * @param thisUpdate when the CA issued this CRL
 * @param nextUpdate when the CA promises the next one, or null if the CRL names no date
 * @param revoked the revoked entries, in the CRL's order (empty for a CRL that revokes nothing)
 */
public record AcceptedCrl(CertificateFingerprint anchor, Instant thisUpdate, Instant nextUpdate,
        List<RevokedEntry> revoked) {

    public AcceptedCrl {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        revoked = List.copyOf(revoked);
    }
}
