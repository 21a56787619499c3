package org.originhub.registry.certificates.control;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A CA certificate that may be registered as a trust anchor.
 *
 * @param certificate the parsed certificate
 * @param facts what to record about it
 */
public record AcceptedAnchor(X509Certificate certificate, CertificateFacts facts) {

    public AcceptedAnchor {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(facts, "facts");
    }

    /** The DER encoding to store, whatever form was uploaded. */
    public byte[] der() {
        return CertificatePolicy.der(certificate);
    }
}
