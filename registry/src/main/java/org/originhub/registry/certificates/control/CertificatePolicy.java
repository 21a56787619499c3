package org.originhub.registry.certificates.control;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.originhub.registry.certificates.entity.CertificateFingerprint;

/**
 * The rules a certificate must pass to enter the registry, one entry point per kind:
 * <ul>
 * <li>{@link #check} a gateway or authorised signer certificate (it signs messages or COs),</li>
 * <li>{@link #checkAnchor} a CA certificate to become a trust anchor,</li>
 * <li>{@link #checkCrl} a CRL to import for an anchor.</li>
 * </ul>
 * Each returns what to store or throws an exception whose enum says which rule failed and whose message says exactly
 * why (subject, dates, key size, anchor). The first failing rule wins; the order puts the most fundamental
 * problem first (a CA certificate offered as a gateway certificate is reported as such, not as "no signing usage").
 * All methods are pure: the caller passes the instant and the registry's state.
 */
public final class CertificatePolicy {

    /** The smallest RSA modulus the hub accepts (bits). */
    public static final int MIN_RSA_BITS = 2048;

    /** How far a CRL's {@code thisUpdate} may lie ahead of the hub's clock (CA clocks drift a little). */
    public static final Duration CRL_CLOCK_SKEW = Duration.ofMinutes(5);

    // The curves the JDK implements for ECDSA since 16: other curves could not even be verified.
    private static final Map<String, String> ACCEPTED_CURVES = Map.of(
            "1.2.840.10045.3.1.7", "P-256",
            "1.3.132.0.34", "P-384",
            "1.3.132.0.35", "P-521");
    private static final String KEY_RULE =
            "the hub accepts RSA keys of at least " + MIN_RSA_BITS + " bits or EC keys on P-256, P-384 or P-521";

    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_CERT_SIGN = 5;

    private CertificatePolicy() {
    }

    /**
     * Checks a gateway or authorised signer certificate, in this order: it parses (PEM or DER, exactly one
     * certificate); it is not a CA certificate; it is not self-signed; it is valid at {@code at}; its key is strong
     * enough; its issuer's signature does not use a broken digest; its key usage allows signing (digitalSignature or
     * nonRepudiation); it was issued directly by an active trust anchor that is itself valid at {@code at} (PKIX; the
     * registry holds national CAs as anchors, so there are no intermediates to supply); that anchor's imported CRLs do
     * not list its serial; and it is not registered yet.
     *
     * @param encoded the certificate as uploaded, PEM or DER
     * @param trust the active anchors and their revoked serials
     * @param alreadyRegistered whether the registry already holds a certificate with this fingerprint
     * @param at the instant to judge validity at (normally now)
     * @return the certificate, its facts and the anchor it chains to
     * @throws CertificateRejectedException with the first rule it breaks
     */
    public static AcceptedCertificate check(byte[] encoded, TrustMaterial trust,
            Predicate<CertificateFingerprint> alreadyRegistered, Instant at) {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(alreadyRegistered, "alreadyRegistered");
        Objects.requireNonNull(at, "at");
        X509Certificate certificate = CertificateDecoder.certificate(encoded);
        CertificateFacts facts = CertificateFacts.of(certificate);
        if (facts.ca()) {
            throw refused(Refusal.CA_CERTIFICATE, facts, describe(facts) + " is a CA certificate (basicConstraints "
                    + "CA=true). A gateway or signer needs its own end-entity certificate issued by a trust anchor; "
                    + "a CA certificate can only be registered as a trust anchor.");
        }
        if (isSelfSigned(certificate)) {
            throw refused(Refusal.SELF_SIGNED, facts, describe(facts) + " is self-signed. It must be issued by one "
                    + "of the hub's trust anchors (the community CA or a national CA).");
        }
        requireValid(facts, at);
        requireAcceptableKey(certificate.getPublicKey(), facts);
        requireSoundSignature(certificate, facts);
        requireSigningUsage(certificate, facts);
        CertificateFingerprint anchor = CertificateFingerprint.of(chainToAnchor(certificate, facts, trust, at));
        trust.revocation(anchor, certificate.getSerialNumber()).ifPresent(revoked -> {
            throw refused(Refusal.REVOKED, facts, describe(facts) + " was revoked by its issuer " + facts.issuer()
                    + " on " + time(revoked.revokedAt())
                    + (revoked.reason() == null ? "" : " (reason: " + revoked.reason() + ")")
                    + ", according to the CRL imported for that trust anchor.");
        });
        requireNew(facts, alreadyRegistered);
        return new AcceptedCertificate(certificate, facts, anchor);
    }

    /**
     * Checks a CA certificate offered as a trust anchor (the community CA, a national CA): it parses; it is a CA
     * (basicConstraints CA=true and keyCertSign); it is valid at {@code at}; its key is strong enough; it is not
     * registered yet. Its own signature is not judged: an anchor is trusted because the secretariat registers it, not
     * because of who signed it.
     *
     * @throws CertificateRejectedException with the first rule it breaks
     */
    public static AcceptedAnchor checkAnchor(byte[] encoded, Predicate<CertificateFingerprint> alreadyRegistered,
            Instant at) {
        Objects.requireNonNull(alreadyRegistered, "alreadyRegistered");
        Objects.requireNonNull(at, "at");
        X509Certificate certificate = CertificateDecoder.certificate(encoded);
        CertificateFacts facts = CertificateFacts.of(certificate);
        if (!facts.ca()) {
            throw refused(Refusal.NOT_A_CA, facts, describe(facts) + " is not a CA certificate (basicConstraints "
                    + "CA=true is missing). Only the certificate of a CA can become a trust anchor.");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null || !usage[KEY_CERT_SIGN]) {
            throw refused(Refusal.NOT_A_CA, facts, describe(facts) + " says CA=true, but "
                    + (usage == null ? "has no KeyUsage extension" : "its key usage (" + usages(usage) + ")")
                    + " does not allow signing certificates (keyCertSign).");
        }
        requireValid(facts, at);
        requireAcceptableKey(certificate.getPublicKey(), facts);
        requireNew(facts, alreadyRegistered);
        return new AcceptedAnchor(certificate, facts);
    }

    /**
     * Checks a CRL to import for a trust anchor: it parses (PEM or DER, exactly one CRL); its issuer is the anchor's
     * subject; its signature verifies with the anchor's public key; its {@code thisUpdate} is not later than
     * {@code at} plus {@link #CRL_CLOCK_SKEW}. A CRL past its {@code nextUpdate} is still accepted: its revocations
     * remain true, and refusing it would only leave the registry knowing less.
     *
     * @param encoded the CRL as uploaded, PEM or DER
     * @param anchor the registered anchor the CRL is imported for
     * @param at the hub's current time
     * @throws CrlRejectedException with the first rule it breaks
     */
    public static AcceptedCrl checkCrl(byte[] encoded, X509Certificate anchor, Instant at) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(at, "at");
        X509CRL crl = CertificateDecoder.crl(encoded);
        String anchorName = anchor.getSubjectX500Principal().getName(X500Principal.RFC2253);
        if (!crl.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
            throw new CrlRejectedException(CrlRefusal.WRONG_ISSUER, "The CRL was issued by "
                    + crl.getIssuerX500Principal().getName(X500Principal.RFC2253) + ", not by the trust anchor "
                    + anchorName + " it is being imported for.");
        }
        try {
            crl.verify(anchor.getPublicKey());
        } catch (SignatureException | InvalidKeyException e) {
            throw new CrlRejectedException(CrlRefusal.BAD_SIGNATURE, "The CRL names the trust anchor " + anchorName
                    + " as its issuer, but its signature does not verify with that anchor's public key: it was "
                    + "signed by another key (another CA using the same name, or a forged list).");
        } catch (GeneralSecurityException e) {
            throw new CrlRejectedException(CrlRefusal.BAD_SIGNATURE, "The signature of the CRL of " + anchorName
                    + " cannot be verified (" + e.getMessage() + ").");
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(at.plus(CRL_CLOCK_SKEW))) {
            throw new CrlRejectedException(CrlRefusal.NOT_YET_ISSUED, "The CRL of " + anchorName
                    + " says it was issued at " + time(thisUpdate) + " (thisUpdate), later than the hub's clock ("
                    + time(at) + ") by more than " + CRL_CLOCK_SKEW.toMinutes() + " minutes. Check the CA's clock.");
        }
        List<RevokedEntry> revoked = crl.getRevokedCertificates() == null ? List.of()
                : crl.getRevokedCertificates().stream().map(RevokedEntry::of).toList();
        Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        return new AcceptedCrl(CertificateFingerprint.of(anchor), thisUpdate, nextUpdate, revoked);
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("A parsed certificate lost its encoding", e);
        }
    }

    private static void requireValid(CertificateFacts facts, Instant at) {
        if (at.isBefore(facts.notBefore())) {
            throw refused(Refusal.NOT_YET_VALID, facts, describe(facts) + " is not valid before "
                    + time(facts.notBefore()) + " (checked at " + time(at) + ").");
        }
        if (at.isAfter(facts.notAfter())) {
            throw refused(Refusal.EXPIRED, facts, describe(facts) + " expired on " + time(facts.notAfter())
                    + " (checked at " + time(at) + "). A renewed certificate is needed.");
        }
    }

    private static void requireAcceptableKey(PublicKey key, CertificateFacts facts) {
        if (key instanceof RSAPublicKey) {
            if (facts.keySize() < MIN_RSA_BITS) {
                throw weakKey(facts, "an RSA key of " + facts.keySize() + " bits");
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            String curve = curveOid(ec);
            if (!ACCEPTED_CURVES.containsKey(curve)) {
                String named = curve == null ? "an unnamed curve" : "the curve with OID " + curve;
                throw weakKey(facts, "an EC key on " + named + " (" + facts.keySize() + " bits)");
            }
            return;
        }
        throw weakKey(facts, "a " + facts.keyAlgorithm() + " key"
                + (facts.keySize() > 0 ? " of " + facts.keySize() + " bits" : ""));
    }

    private static String curveOid(ECPublicKey key) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(key.getParams());
            return parameters.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException e) {
            // Explicit curve parameters, or a curve the JDK does not know: nothing the hub can verify with.
            return null;
        }
    }

    private static CertificateRejectedException weakKey(CertificateFacts facts, String found) {
        return refused(Refusal.WEAK_KEY, facts, describe(facts) + " has " + found + "; " + KEY_RULE + ".");
    }

    private static void requireSoundSignature(X509Certificate certificate, CertificateFacts facts) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.startsWith("MD2") || algorithm.startsWith("MD5") || algorithm.startsWith("SHA1")) {
            throw refused(Refusal.WEAK_SIGNATURE, facts, describe(facts) + " is signed with "
                    + certificate.getSigAlgName() + ", whose digest is broken; the issuer must sign it with "
                    + "SHA-256 or stronger.");
        }
    }

    private static void requireSigningUsage(X509Certificate certificate, CertificateFacts facts) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null) {
            throw refused(Refusal.NO_SIGNING_USAGE, facts, describe(facts) + " has no KeyUsage extension; a gateway "
                    + "or signer certificate must state digitalSignature or nonRepudiation.");
        }
        if (!usage[DIGITAL_SIGNATURE] && !usage[NON_REPUDIATION]) {
            throw refused(Refusal.NO_SIGNING_USAGE, facts, describe(facts) + " has the key usage " + usages(usage)
                    + ", which allows neither digitalSignature nor nonRepudiation.");
        }
    }

    private static X509Certificate chainToAnchor(X509Certificate certificate, CertificateFacts facts,
            TrustMaterial trust, Instant at) {
        X500Principal issuer = certificate.getIssuerX500Principal();
        List<X509Certificate> named = trust.anchors().stream()
                .filter(anchor -> anchor.getSubjectX500Principal().equals(issuer))
                .toList();
        if (named.isEmpty()) {
            throw refused(Refusal.NOT_TRUSTED, facts, describe(facts) + " was issued by " + facts.issuer()
                    + ", which is not an active trust anchor of the hub.");
        }
        // PKIX ignores a trust anchor's own validity period; the registry does not trust an expired CA.
        List<X509Certificate> valid = named.stream().filter(anchor -> isValid(anchor, at)).toList();
        if (valid.isEmpty()) {
            X509Certificate anchor = named.get(0);
            throw refused(Refusal.NOT_TRUSTED, facts, describe(facts) + " was issued by the trust anchor "
                    + facts.issuer() + ", which is not valid at " + time(at) + " (valid from "
                    + time(anchor.getNotBefore().toInstant()) + " to " + time(anchor.getNotAfter().toInstant())
                    + ").");
        }
        Set<TrustAnchor> anchors = valid.stream().map(anchor -> new TrustAnchor(anchor, null))
                .collect(Collectors.toSet());
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
            PKIXParameters parameters = new PKIXParameters(anchors);
            // Revocation comes from the CRLs the secretariat imported, checked by the caller of this method.
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            PKIXCertPathValidatorResult result =
                    (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return result.getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            // Only anchors with the issuer's name were offered, so "no trust anchor" means another key signed it.
            boolean otherSigner = e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE
                    || e.getReason() == PKIXReason.NO_TRUST_ANCHOR;
            String why = otherSigner
                    ? "its signature does not verify with the anchor's public key (it was signed by another CA "
                            + "using the same name)"
                    : e.getReason() == PKIXReason.UNRECOGNIZED_CRIT_EXT
                            ? "it carries a critical extension the hub does not understand"
                            : e.getMessage();
            throw refused(Refusal.NOT_TRUSTED, facts, describe(facts) + " names the trust anchor " + facts.issuer()
                    + " as its issuer but does not validate against it: " + why + ".");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK's PKIX validator is not usable", e);
        }
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            // Same name as its issuer but signed by another key: the trust check will say who did not sign it.
            return false;
        }
    }

    private static boolean isValid(X509Certificate certificate, Instant at) {
        return !at.isBefore(certificate.getNotBefore().toInstant())
                && !at.isAfter(certificate.getNotAfter().toInstant());
    }

    private static void requireNew(CertificateFacts facts, Predicate<CertificateFingerprint> alreadyRegistered) {
        if (alreadyRegistered.test(facts.fingerprint())) {
            throw refused(Refusal.ALREADY_REGISTERED, facts, describe(facts) + " is already registered (SHA-256 "
                    + "fingerprint " + facts.fingerprint() + ").");
        }
    }

    private static String usages(boolean[] usage) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < usage.length && i < KEY_USAGES.length; i++) {
            if (usage[i]) {
                names.add(KEY_USAGES[i]);
            }
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String describe(CertificateFacts facts) {
        return "The certificate " + facts.subject() + " (serial " + facts.serialHex() + ")";
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static CertificateRejectedException refused(Refusal refusal, CertificateFacts facts, String message) {
        return new CertificateRejectedException(refusal, facts, message);
    }
}
