package org.originhub.soap.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.crypto.AlgorithmSuite;

/**
 * The hub's WS-Security profile in one place: what a request must carry and which algorithms are accepted. Gateways
 * build against exactly this; widening it is a change of the published contract.
 */
final class SecurityProfile {

    /** How long after its Created a request is accepted. */
    static final Duration TIMESTAMP_TTL = Duration.ofSeconds(300);
    /** How far a sender's clock may run ahead of the hub's. */
    static final Duration FUTURE_SKEW = Duration.ofSeconds(60);
    /** Smallest RSA modulus accepted for a signer. */
    static final int MIN_RSA_BITS = 2048;


    static final String RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    static final Set<String> SIGNATURE_METHODS =
            Set.of(WSS4JConstants.RSA_SHA256, RSA_SHA384, WSS4JConstants.RSA_SHA512);
    static final Set<String> DIGEST_METHODS =
            Set.of(WSS4JConstants.SHA256, WSS4JConstants.SHA384, WSS4JConstants.SHA512);
    static final String C14N = WSS4JConstants.C14N_EXCL_OMIT_COMMENTS;

    private SecurityProfile() {
    }

    /**
     * The same pins for WSS4J itself: a second line behind {@link SecurityHeaderCheck}, which checks them first so
     * that the fault can say which algorithm was wrong.
     */
    static AlgorithmSuite algorithmSuite() {
        AlgorithmSuite suite = new AlgorithmSuite();
        SIGNATURE_METHODS.forEach(suite::addSignatureMethod);
        DIGEST_METHODS.forEach(suite::addDigestAlgorithm);
        suite.addC14nAlgorithm(C14N);
        suite.addTransformAlgorithm(C14N);
        // Key length is checked by SenderAuthentication, which can name the problem; 1024 keeps WSS4J's floor.
        return suite;
    }

    /** SHA-256 of the certificate's DER encoding, lowercase hex: the registry's key for a certificate. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Certificate cannot be encoded", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
