package org.originhub.registry.authorities.boundary;

import java.time.Instant;
import java.util.List;

/** An authorised signer as the edges show it (agreements by code). */
public record SignerView(Long id, Long authorityId, String memberCode, String name, String fingerprint,
        String subject, Instant notBefore, Instant notAfter, Instant validFrom, Instant validUntil, String status,
        Instant revokedAt, List<String> agreements) {
}
