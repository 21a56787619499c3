package org.originhub.registry.certificates.control;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.originhub.registry.certificates.entity.CertificateFingerprint;

/**
 * What the registry records and shows about a certificate, read once from the certificate itself so that lists and
 * searches never need to parse stored DER again.
 *
 * @param fingerprint SHA-256 of the DER encoding
 * @param subject subject DN in RFC 2253 form, e.g. {@code CN=gw.ke,O=Kenya Revenue Authority,C=KE}
 * @param issuer issuer DN in RFC 2253 form
 * @param serialHex serial number as lowercase hex without leading zeros (the form {@link RevokedEntry} uses too)
 * @param notBefore start of validity
 * @param notAfter end of validity (the certificate is still valid at this instant)
 * @param keyAlgorithm the public key's algorithm as the JDK names it: {@code RSA}, {@code EC}, {@code DSA},
 *        {@code EdDSA}...
 * @param keySize RSA modulus bits, EC field bits (256 for P-256), DSA prime bits, EdDSA curve bits; 0 if unknown
 * @param ca whether basicConstraints says CA=true
 */
public record CertificateFacts(CertificateFingerprint fingerprint, String subject, String issuer, String serialHex,
        Instant notBefore, Instant notAfter, String keyAlgorithm, int keySize, boolean ca) {

    public CertificateFacts {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    }

    public static CertificateFacts of(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        return new CertificateFacts(CertificateFingerprint.of(certificate),
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                serialHex(certificate.getSerialNumber()),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                key.getAlgorithm(), keySize(key), certificate.getBasicConstraints() >= 0);
    }

    /** The one spelling of serial numbers in the registry. */
    static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECPublicKey ed) {
            String curve = ed.getParams().getName();
            return NamedParameterSpec.ED25519.getName().equalsIgnoreCase(curve) ? 255
                    : NamedParameterSpec.ED448.getName().equalsIgnoreCase(curve) ? 448 : 0;
        }
        return 0;
    }
}
