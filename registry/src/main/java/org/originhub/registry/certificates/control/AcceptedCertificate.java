package org.originhub.registry.certificates.control;

import java.security.cert.X509Certificate;
import java.util.Objects;
import org.originhub.registry.certificates.entity.CertificateFingerprint;

/**
 * A gateway or signer certificate that passed every rule at the instant of the check.
 *
 * @param certificate the parsed certificate
 * @param facts what to record about it
 * @param anchor the fingerprint of the active trust anchor it chains to (its issuer)
 */
public record AcceptedCertificate(X509Certificate certificate, CertificateFacts facts, CertificateFingerprint anchor) {

    public AcceptedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(anchor, "anchor");
    }

    /** The DER encoding to store (also what the fingerprint is computed over), whatever form was uploaded. */
    public byte[] der() {
        return CertificatePolicy.der(certificate);
    }
}
