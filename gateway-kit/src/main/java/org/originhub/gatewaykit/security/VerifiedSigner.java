package org.originhub.gatewaykit.security;

import java.security.cert.X509Certificate;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;

/**
 * Who signed the message being processed, after the signature, its coverage and the pin were verified.
 *
 * @param certificate the signer's certificate as the message carried it
 * @param fingerprint its SHA-256, lowercase hex
 */
public record VerifiedSigner(X509Certificate certificate, String fingerprint) {

    /** The message and exchange property under which the check stores it. */
    public static final String PROPERTY = VerifiedSigner.class.getName();

    /** The verified signer of a CXF message (or any message of its exchange), or null when none was verified. */
    public static VerifiedSigner of(Message message) {
        Object signer = message.get(PROPERTY);
        Exchange exchange = message.getExchange();
        if (signer == null && exchange != null) {
            signer = exchange.get(PROPERTY);
        }
        return signer instanceof VerifiedSigner ? (VerifiedSigner) signer : null;
    }
}
