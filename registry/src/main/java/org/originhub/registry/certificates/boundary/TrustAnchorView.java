package org.originhub.registry.certificates.boundary;

import java.time.Instant;
import org.originhub.registry.certificates.entity.AnchorStatus;
import org.originhub.registry.certificates.entity.TrustAnchor;

/** A trust anchor as the edges show it. */
public record TrustAnchorView(Long id, String name, String fingerprint, String subject, String serialNumber,
        Instant notBefore, Instant notAfter, AnchorStatus status, Instant createdAt, String createdBy) {

    static TrustAnchorView of(TrustAnchor a) {
        return new TrustAnchorView(a.id(), a.name(), a.fingerprint(), a.subject(), a.serialNumber(), a.notBefore(),
                a.notAfter(), a.status(), a.createdAt(), a.createdBy());
    }
}
