package org.originhub.registry.authorities.boundary;

import java.time.Instant;
import org.originhub.registry.authorities.entity.IssuingAuthority;

/** An issuing authority as the edges show it. */
public record AuthorityView(Long id, String memberCode, String name, Instant validFrom, Instant validUntil,
        String status, Instant revokedAt, String revocationReason) {

    static AuthorityView of(IssuingAuthority a) {
        return new AuthorityView(a.id(), a.memberCode().value(), a.name(), a.validFrom(), a.validUntil(), a.status(),
                a.revokedAt(), a.revocationReason());
    }
}
