package org.originhub.registry.gateways.boundary;

import java.time.Instant;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.gateways.entity.GatewayCertificate;

/** A gateway certificate as the edges show it (never the DER unless asked for by fingerprint). */
public record CertificateView(Long id, Long gatewayId, String fingerprint, String subject, String issuer,
        String serialNumber, String keyAlgorithm, int keySize, Instant notBefore, Instant notAfter,
        CertificateStatus status, Instant registeredAt, Instant activatedAt, Instant revokedAt,
        String revocationReason) {

    public static CertificateView of(GatewayCertificate c) {
        return new CertificateView(c.id(), c.gatewayId(), c.fingerprint(), c.subject(), c.issuer(),
                c.serialNumber(), c.keyAlgorithm(), c.keySize(), c.notBefore(), c.notAfter(), c.status(),
                c.registeredAt(), c.activatedAt(), c.revokedAt(), c.revocationReason());
    }
}
