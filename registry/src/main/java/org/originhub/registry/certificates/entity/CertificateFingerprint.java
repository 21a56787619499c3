package org.originhub.registry.certificates.entity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a certificate: SHA-256 over its DER encoding, as 64 lowercase hex digits. The same value names a
 * certificate in the registry, in the audit log (which records hashes, never certificates) and when a signed SOAP
 * message is mapped to its sender, so there must be exactly one spelling of it: the canonical constructor accepts
 * only the lowercase form, {@link #parse(String)} is the lenient door for what people paste.
 *
 * @param hex 64 lowercase hex digits
 */
public record CertificateFingerprint(String hex) {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{64}");
    // What tools print: plain hex (sha256sum) or colon-separated byte pairs (openssl x509 -fingerprint), any case.
    private static final Pattern PASTED = Pattern.compile("(?i)[0-9a-f]{64}|[0-9a-f]{2}(?::[0-9a-f]{2}){31}");

    public CertificateFingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!CANONICAL.matcher(hex).matches()) {
            throw new IllegalArgumentException("A certificate fingerprint is 64 lowercase hex digits, not: " + hex);
        }
    }

    /** The fingerprint of a parsed certificate. */
    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The certificate cannot be DER-encoded", e);
        }
    }

    /** The fingerprint of a DER-encoded certificate (the bytes are hashed as they are, not parsed). */
    public static CertificateFingerprint of(byte[] der) {
        Objects.requireNonNull(der, "der");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return new CertificateFingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }

    /**
     * Reads a fingerprint as people paste it: 64 hex digits in either case, optionally as 32 colon-separated pairs.
     *
     * @throws IllegalArgumentException for anything else (other lengths, spaces, prefixes such as {@code sha256:})
     */
    public static CertificateFingerprint parse(String text) {
        if (text == null || !PASTED.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "Not a SHA-256 certificate fingerprint (64 hex digits, optionally colon-separated): " + text);
        }
        return new CertificateFingerprint(text.replace(":", "").toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return hex;
    }
}
