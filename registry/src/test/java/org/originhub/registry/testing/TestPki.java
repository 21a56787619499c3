package org.originhub.registry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made on the fly for tests: certificate authorities, gateway and signer certificates with any validity,
 * key, key usage or issuer, CRLs, and PKCS#12 keystores. Test code only (BouncyCastle is a test dependency).
 *
 * <pre>
 * TestPki.Issued ca = TestPki.ca("CN=Community CA");
 * TestPki.Issued gateway = TestPki.leaf(ca, "CN=gw.ke").build();
 * TestPki.Issued expired = TestPki.leaf(ca, "CN=old").validity(past, past.plus(...)).build();
 * X509CRL crl = TestPki.crl(ca, gateway.certificate());
 * </pre>
 */
public final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    /** A certificate with its key pair and the chain up to (and including) its root. */
    public record Issued(X509Certificate certificate, KeyPair keys, X509Certificate... chainAbove) {

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public String pem() {
            return TestPki.pem(certificate);
        }

        /** A PKCS#12 keystore holding this key under {@code alias}, with its chain. */
        public byte[] pkcs12(String alias, char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                X509Certificate[] chain = new X509Certificate[chainAbove.length + 1];
                chain[0] = certificate;
                System.arraycopy(chainAbove, 0, chain, 1, chainAbove.length);
                store.setKeyEntry(alias, keys.getPrivate(), password, chain);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                store.store(out, password);
                return out.toByteArray();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A self-signed root CA (RSA 2048, 10 years, keyCertSign + cRLSign). */
    public static Issued ca(String subject) {
        return builder(null, subject).ca().validity(Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3650))).build();
    }

    /** An end-entity certificate issued by {@code issuer}: RSA 2048, valid for a year, digitalSignature. */
    public static Builder leaf(Issued issuer, String subject) {
        return builder(issuer, subject);
    }

    /** A self-signed end-entity certificate (digitalSignature, not a CA). */
    public static Builder selfSigned(String subject) {
        return builder(null, subject);
    }

    private static Builder builder(Issued issuer, String subject) {
        return new Builder(issuer, subject);
    }

    /** A CRL signed by {@code ca} that revokes {@code revoked}. */
    public static X509CRL crl(Issued ca, X509Certificate... revoked) {
        return crl(ca, Instant.now().minusSeconds(60), revoked);
    }

    /**
     * A CRL signed by {@code ca}, issued at {@code thisUpdate} (next update a week later), that revokes
     * {@code revoked} (reason keyCompromise, 30 seconds after {@code thisUpdate}).
     */
    public static X509CRL crl(Issued ca, Instant thisUpdate, X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plus(Duration.ofDays(7))));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate.plusSeconds(30)),
                        CRLReason.keyCompromise);
            }
            X509CRLHolder holder = builder.build(signer(ca.privateKey()));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509CRL crl) {
        try {
            return "-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(crl.getEncoded())
                    + "\n-----END X509 CRL-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An EC key pair on a named curve. Curves the JDK no longer implements (secp192r1, brainpool...) come from
     * BouncyCastle, so tests can offer keys that the code under test must refuse.
     */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (InvalidAlgorithmParameterException unsupportedByJdk) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
                generator.initialize(new ECGenParameterSpec(curve), RANDOM);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair dsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        return signer(key, "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
    }

    private static ContentSigner signer(PrivateKey key, String algorithm) {
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options of one certificate; {@link #build()} issues it. */
    public static final class Builder {
        private final Issued issuer;
        private final String subject;
        private KeyPair keys;
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private boolean ca;
        private Integer keyUsage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
        private String signatureAlgorithm;

        private Builder(Issued issuer, String subject) {
            this.issuer = issuer;
            this.subject = subject;
        }

        public Builder keys(KeyPair keys) {
            this.keys = keys;
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** A CA certificate: basicConstraints CA=true, keyCertSign and cRLSign. */
        public Builder ca() {
            this.ca = true;
            this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
            return this;
        }

        /** KeyUsage bits from {@link KeyUsage}, or null for no KeyUsage extension at all. */
        public Builder keyUsage(Integer bits) {
            this.keyUsage = bits;
            return this;
        }

        /** The issuer's signature algorithm, e.g. {@code SHA1withRSA}; by default SHA-256 for the issuer's key type. */
        public Builder signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        public Issued build() {
            try {
                KeyPair pair = keys != null ? keys : rsa(2048);
                // Parsed as the JDK reads a DN (RFC 2253, most specific RDN first), so that a subject written as
                // "CN=gw.ke,O=...,C=KE" reads back the same from getSubjectX500Principal(); BouncyCastle's own
                // X500Name(String) would encode the RDNs in reverse.
                X500Name subjectName = X500Name.getInstance(new X500Principal(subject).getEncoded());
                X500Name issuerName = issuer == null ? subjectName
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subjectName, pair.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(pair.getPublic()));
                if (issuer != null) {
                    builder.addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.privateKey();
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .getCertificate(builder.build(signatureAlgorithm == null ? signer(signingKey)
                                : signer(signingKey, signatureAlgorithm)));
                X509Certificate[] chain = issuer == null ? new X509Certificate[0] : chainOf(issuer);
                return new Issued(certificate, pair, chain);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static X509Certificate[] chainOf(Issued issuer) {
            X509Certificate[] chain = new X509Certificate[issuer.chainAbove().length + 1];
            chain[0] = issuer.certificate();
            System.arraycopy(issuer.chainAbove(), 0, chain, 1, issuer.chainAbove().length);
            return chain;
        }
    }

}
