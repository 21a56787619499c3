package org.originhub.gatewaykit.client;

/**
 * The registry's answer to CheckSigner: was the certificate an authorised signer of the member (for the agreement, at
 * the time)?
 *
 * @param reason why, in words
 * @param signerName and {@code issuingAuthority} when the registry knows the certificate; else null
 */
public record SignerCheck(boolean authorised, String reason, String fingerprint, String signerName,
        String issuingAuthority) {
}
