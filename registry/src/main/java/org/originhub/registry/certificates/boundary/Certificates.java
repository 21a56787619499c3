package org.originhub.registry.certificates.boundary;

import java.util.Locale;
import org.originhub.registry.certificates.control.AcceptedCertificate;
import org.originhub.registry.certificates.control.CertificateFacts;
import org.originhub.registry.certificates.control.CertificateRejectedException;
import org.originhub.registry.certificates.control.CrlRejectedException;
import org.originhub.registry.certificates.entity.CertificateData;
import org.originhub.registry.errors.InvalidInputException;

/** Translations between the certificate policy and the registry's entities and errors. */
final class Certificates {

    private Certificates() {
    }

    static CertificateData data(CertificateFacts facts, byte[] der) {
        return new CertificateData(facts.fingerprint().hex(), facts.subject(), facts.issuer(), facts.serialHex(),
                facts.keyAlgorithm(), facts.keySize(), facts.notBefore(), facts.notAfter(), der);
    }

    static CertificateData data(AcceptedCertificate accepted) {
        return data(accepted.facts(), accepted.der());
    }

    /** The policy's refusal as a registry error with a stable code such as {@code CertificateExpired}. */
    static InvalidInputException rejected(CertificateRejectedException e) {
        return new InvalidInputException("Certificate" + camel(e.refusal().name()), e.getMessage(), e);
    }

    static InvalidInputException rejected(CrlRejectedException e) {
        return new InvalidInputException("Crl" + camel(e.refusal().name()), e.getMessage(), e);
    }

    private static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        for (String part : constant.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
