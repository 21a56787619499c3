package org.originhub.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.originhub.gatewaykit.security.GatewayKeystore;

/**
 * The bench community's throw-away PKI, made fresh in memory for every run: a CA and RSA-2048 leaf certificates with
 * a digital-signature key usage, as the registry requires of gateway and signer certificates. Nothing is written to
 * disk.
 */
final class BenchPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final char[] PASSWORD = "bench-in-memory".toCharArray();

    /** A certificate with its key pair and the chain above it. */
    record Issued(X509Certificate certificate, KeyPair keys, X509Certificate issuer) {

        String pem() {
            try {
                return "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n";
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        String fingerprint() {
            return fingerprint(certificate);
        }

        static String fingerprint(X509Certificate certificate) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        GatewayKeystore keystore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                X509Certificate[] chain = issuer == null ? new X509Certificate[] {certificate}
                        : new X509Certificate[] {certificate, issuer};
                store.setKeyEntry("gateway", keys.getPrivate(), PASSWORD, chain);
                return GatewayKeystore.of(store, PASSWORD, "gateway");
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private BenchPki() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued ca(String subject) {
        return issue(null, subject, rsa(), true);
    }

    static Issued leaf(Issued ca, String subject, KeyPair keys) {
        return issue(ca, subject, keys, false);
    }

    private static Issued issue(Issued ca, String subject, KeyPair pair, boolean isCa) {
        try {
            Instant now = Instant.now();
            X500Name subjectName = X500Name.getInstance(new X500Principal(subject).getEncoded());
            X500Name issuerName = ca == null ? subjectName
                    : X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subjectName, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            if (ca != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(ca.certificate()));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(ca == null ? pair.getPrivate()
                            : ca.keys().getPrivate())));
            return new Issued(certificate, pair, ca == null ? null : ca.certificate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a bench certificate for " + subject, e);
        }
    }
}
