package org.originhub.soap.security;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.validate.NoOpValidator;

/**
 * WSS4J's inbound processing pinned to the hub's profile: a Timestamp and a Signature are required, only the
 * profile's algorithms verify, and the Timestamp follows {@link ProfileTimestampValidator}.
 *
 * <p>Two things WSS4J would do by default are deliberately left to later interceptors:
 * <ul>
 * <li>trust in the signer's certificate: the community's trust anchors change at run time, so
 * {@link SenderAuthentication} checks the chain against {@link SenderDirectory#trustAnchors()} for every message
 * (WSS4J still verifies the signature cryptographically, with the key of the certificate the message carries);</li>
 * <li>replay detection: CXF's cache is node-local and records a Timestamp before its signature is verified, so it is
 * off; {@link SenderAuthentication} consults the shared {@link ReplayGuard} after verification.</li>
 * </ul>
 */
final class ProfileWss4jInInterceptor extends WSS4JInInterceptor {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(ProfileWss4jInInterceptor.class.getName());
    private static final String VERIFICATION_CRYPTO = "originhub.signatureVerificationCrypto";

    ProfileWss4jInInterceptor(Clock clock) {
        super(properties(clock));
    }

    private static Map<String, Object> properties(Clock clock) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION,
                ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        // Reads the BinarySecurityToken; holds no keys and no trusted certificates (see the class comment).
        Crypto certificateReader = new Merlin();
        properties.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, VERIFICATION_CRYPTO);
        properties.put(VERIFICATION_CRYPTO, certificateReader);
        properties.put(ConfigurationConstants.TTL_TIMESTAMP,
                Long.toString(SecurityProfile.TIMESTAMP_TTL.toSeconds()));
        properties.put(ConfigurationConstants.TTL_FUTURE_TIMESTAMP,
                Long.toString(SecurityProfile.FUTURE_SKEW.toSeconds()));
        properties.put(ConfigurationConstants.TIMESTAMP_STRICT, "true");
        properties.put(ConfigurationConstants.IS_BSP_COMPLIANT, "true");
        properties.put(ConfigurationConstants.ENABLE_REVOCATION, "false");
        Map<QName, Object> validators = new HashMap<>();
        validators.put(WSConstants.TIMESTAMP, new ProfileTimestampValidator(clock));
        validators.put(WSConstants.SIGNATURE, new NoOpValidator());
        properties.put(WSS4JInInterceptor.VALIDATOR_MAP, validators);
        return properties;
    }

    /**
     * WSS4J lets some malformed headers escape as plain runtime exceptions (a BinarySecurityToken that is not valid
     * base64 throws IllegalArgumentException; SoapIntakeFuzzIT covers it), which would become InternalError. Anything
     * WSS4J throws while reading a sender's header is the header's fault: SecurityError, logged here for operators.
     */
    @Override
    public void handleMessage(SoapMessage message) {
        try {
            super.handleMessage(message);
        } catch (org.apache.cxf.interceptor.Fault | MessageRejectedException expected) {
            throw expected;
        } catch (RuntimeException malformed) {
            LOG.log(java.util.logging.Level.INFO, "WS-Security header refused as malformed", malformed);
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_INVALID);
        }
    }

    @Override
    protected void setAlgorithmSuites(SoapMessage message, RequestData data) {
        data.setAlgorithmSuite(SecurityProfile.algorithmSuite());
    }

    @Override
    protected void configureReplayCaches(RequestData data, List<Integer> actions, SoapMessage message) {
        // Replays are detected by SenderAuthentication through the shared ReplayGuard, after verification.
    }
}
