package org.originhub.hub.audit.control;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * The documented form of a signed checkpoint, and its checks.
 *
 * <p>Signed bytes: the UTF-8 text {@code "originhub-audit-checkpoint-v1\n" + seq + "\n" + hash + "\n" + time + "\n"},
 * where seq is the decimal sequence number of the chain head, hash that record's lowercase hex hash, and time the
 * checkpoint's time in ISO-8601 UTC with six fraction digits (as recorded_at in {@link AuditCanonicalForm}). The
 * signature is made with the hub's key; {@link #ALGORITHMS} are the JCA signature algorithms a verifier accepts. The
 * signer is identified by the lowercase hex SHA-256 of its DER certificate.
 */
public final class AuditCheckpointForm {

    public static final String VERSION = "originhub-audit-checkpoint-v1";
    /** Signature algorithms a checkpoint may use; anything weaker (SHA-1, MD5) is refused. */
    public static final Set<String> ALGORITHMS = Set.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA",
            "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA");

    private AuditCheckpointForm() {
    }

    public static byte[] signedBytes(long seq, String hash, Instant time) {
        return (VERSION + "\n" + seq + "\n" + hash + "\n" + AuditCanonicalForm.formatTime(time) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Lowercase hex SHA-256 of a DER certificate. */
    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Why this checkpoint's signature cannot be trusted as a signature by the certificate it names, or null when it
     * can: the certificate must parse and have the stored fingerprint, the algorithm must be one of
     * {@link #ALGORITHMS}, and the signature must verify over the signed bytes. Whether that certificate is the hub's
     * is the caller's question ({@code trustedSigners} in {@link AuditChainVerifier}).
     */
    public static String signatureProblem(long seq, String hash, Instant time, String algorithm, byte[] signature,
            String signerFingerprint, byte[] signerCertificate) {
        if (!ALGORITHMS.contains(algorithm)) {
            return "signature algorithm " + algorithm + " is not accepted";
        }
        if (signerCertificate == null || !fingerprint(signerCertificate).equals(signerFingerprint)) {
            return "the stored signer certificate does not have the stored fingerprint " + signerFingerprint;
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(signerCertificate));
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(signedBytes(seq, hash, time));
            return verifier.verify(signature) ? null : "the signature does not verify with the signer certificate: "
                    + "forged or altered";
        } catch (CertificateException e) {
            return "the signer certificate cannot be read";
        } catch (GeneralSecurityException | RuntimeException e) {
            return "the signature cannot be checked (" + e.getClass().getSimpleName() + "): forged or altered";
        }
    }
}
