package org.originhub.registry.certificates.boundary;

import java.time.Instant;
import java.util.List;

/** The result of a CRL import: what it contained and which registered certificates it revoked. */
public record CrlView(Long anchorId, Instant thisUpdate, Instant nextUpdate, int entries,
        List<String> revokedRegisteredCertificates) {
}
