package org.originhub.registry.authorities.boundary;

import java.time.Instant;

/**
 * The answer to CheckSigner: was this certificate an authorised signer of the member, for the agreement, at the
 * time? Always with the reason, yes or no.
 */
public record SignerVerdict(boolean authorised, String reason, String fingerprint, String memberCode,
        String agreementCode, Instant at, String signerName, String authorityName) {
}
