package org.originhub.registry.certificates.entity;

import java.time.Instant;

/**
 * What the registry stores of an accepted certificate: its DER and the facts read from it. Produced only from a
 * certificate the certificate policy accepted.
 */
public record CertificateData(String fingerprint, String subject, String issuer, String serialNumber,
        String keyAlgorithm, int keySize, Instant notBefore, Instant notAfter, byte[] der) {
}
