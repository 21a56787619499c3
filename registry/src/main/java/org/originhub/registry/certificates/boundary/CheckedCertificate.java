package org.originhub.registry.certificates.boundary;

import org.originhub.registry.certificates.entity.CertificateData;

/** A gateway or signer certificate the certificate policy accepted, with the trust anchor it chains to. */
public record CheckedCertificate(CertificateData data, Long anchorId) {
}
