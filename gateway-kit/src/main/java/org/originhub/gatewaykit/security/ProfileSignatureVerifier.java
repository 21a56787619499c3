package org.originhub.gatewaykit.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.AlgorithmSuite;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.validate.NoOpValidator;

/**
 * WSS4J's inbound processing pinned to the profile: a Timestamp and a Signature are required, and only RSA-SHA256 (or
 * stronger), SHA-256 (or stronger) digests and exclusive C14N verify; WSS4J would otherwise accept RSA-SHA1.
 *
 * <p>WSS4J verifies the signature with the certificate the message carries; whether that certificate is the right
 * one is decided by {@link PinnedSignerCheck} (the signature validator is a no-op for that reason), and what the
 * signature covers as well (WSS4J verifies whatever is referenced and does not care what). WSS4J's replay cache is
 * off: it is node-local, records a timestamp before its signature is checked, and a response cannot be replayed into
 * the call that is waiting for it anyway.
 */
final class ProfileSignatureVerifier extends WSS4JInInterceptor {

    private static final String VERIFICATION_CRYPTO = "originhub.gatewaykit.verificationCrypto";

    ProfileSignatureVerifier() {
        super(properties());
    }

    private static Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION,
                ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        // Reads the BinarySecurityToken only: no keys, no trusted certificates (trust is the pin).
        properties.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, VERIFICATION_CRYPTO);
        properties.put(VERIFICATION_CRYPTO, new Merlin());
        properties.put(ConfigurationConstants.TTL_TIMESTAMP,
                Long.toString(WsSecurityProfile.TIMESTAMP_TTL.toSeconds()));
        properties.put(ConfigurationConstants.TTL_FUTURE_TIMESTAMP,
                Long.toString(WsSecurityProfile.FUTURE_SKEW.toSeconds()));
        properties.put(ConfigurationConstants.TIMESTAMP_STRICT, "true");
        properties.put(ConfigurationConstants.IS_BSP_COMPLIANT, "true");
        properties.put(ConfigurationConstants.ENABLE_REVOCATION, "false");
        Map<QName, Object> validators = new HashMap<>();
        validators.put(WSConstants.SIGNATURE, new NoOpValidator());
        properties.put(WSS4JInInterceptor.VALIDATOR_MAP, validators);
        return properties;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        try {
            super.handleMessage(message);
        } catch (Fault fault) {
            // WSS4J reports as a SOAP fault of its own; on a client that would be indistinguishable from a fault the
            // peer sent, so it becomes an UntrustedMessageException that says what was wrong.
            throw new UntrustedMessageException("The message's WS-Security header does not verify: "
                    + describe(wssCause(fault)), fault);
        }
    }

    @Override
    protected void setAlgorithmSuites(SoapMessage message, RequestData data) {
        AlgorithmSuite suite = new AlgorithmSuite();
        suite.addSignatureMethod(WsSecurityProfile.SIGNATURE_ALGORITHM);
        suite.addSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha384");
        suite.addSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
        suite.addDigestAlgorithm(WsSecurityProfile.DIGEST_ALGORITHM);
        suite.addDigestAlgorithm("http://www.w3.org/2001/04/xmldsig-more#sha384");
        suite.addDigestAlgorithm("http://www.w3.org/2001/04/xmlenc#sha512");
        suite.addC14nAlgorithm(WsSecurityProfile.C14N_ALGORITHM);
        suite.addTransformAlgorithm(WsSecurityProfile.C14N_ALGORITHM);
        suite.setMinimumAsymmetricKeyLength(GatewayKeystore.MIN_RSA_BITS);
        data.setAlgorithmSuite(suite);
    }

    @Override
    protected void configureReplayCaches(RequestData data, List<Integer> actions, SoapMessage message) {
        // Off on purpose, see the class comment.
    }

    private static WSSecurityException wssCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof WSSecurityException) {
                return (WSSecurityException) t;
            }
        }
        return null;
    }

    private static String describe(WSSecurityException e) {
        if (e == null || e.getErrorCode() == null) {
            return "no valid wsse:Security header with a Timestamp and a Signature";
        }
        switch (e.getErrorCode()) {
            case FAILED_CHECK:
                return "the signature does not verify (the message was altered, or not signed with the key of the "
                        + "certificate it carries)";
            case MESSAGE_EXPIRED:
                return "the Timestamp has expired or lies too far in the future (check both clocks)";
            case UNSUPPORTED_ALGORITHM:
                return "an algorithm outside the profile (RSA-SHA256, SHA-256 digests, exclusive C14N)";
            case SECURITY_TOKEN_UNAVAILABLE:
            case INVALID_SECURITY_TOKEN:
            case UNSUPPORTED_SECURITY_TOKEN:
                return "the signer's BinarySecurityToken is missing or unreadable";
            case INVALID_SECURITY:
                return "a Timestamp and a Signature are required";
            default:
                return "no valid wsse:Security header with a Timestamp and a Signature (" + e.getErrorCode() + ")";
        }
    }
}
