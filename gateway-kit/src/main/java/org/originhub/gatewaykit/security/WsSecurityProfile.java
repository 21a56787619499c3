package org.originhub.gatewaykit.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.interceptor.InterceptorProvider;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;

/**
 * The hub's WS-Security profile, for both ends of a SOAP exchange: X.509 BinarySecurityToken (direct reference),
 * RSA-SHA256, exclusive C14N, SHA-256 digests, the signature covering the Timestamp and the Body, Timestamp TTL 300
 * seconds with 60 seconds of clock skew tolerated. Stated in the header comment of {@code exchange.wsdl}; the WSDLs
 * carry no WS-SecurityPolicy (every policy algorithm suite implies RSA-SHA1, which the hub refuses), so this class
 * is the configuration a toolkit would otherwise derive from a policy.
 *
 * <pre>
 * WsSecurityProfile.signOutgoing(client, keystore);          // requests (client) or responses and faults (endpoint)
 * WsSecurityProfile.verifyIncoming(client, hubCertificates); // responses and faults must be signed by a pinned key
 * </pre>
 */
public final class WsSecurityProfile {

    /** How long after its creation a message is accepted. */
    public static final Duration TIMESTAMP_TTL = Duration.ofSeconds(300);
    /** How far the sender's clock may run ahead. */
    public static final Duration FUTURE_SKEW = Duration.ofSeconds(60);
    public static final String SIGNATURE_ALGORITHM = WSS4JConstants.RSA_SHA256;
    public static final String DIGEST_ALGORITHM = WSS4JConstants.SHA256;
    public static final String C14N_ALGORITHM = WSS4JConstants.C14N_EXCL_OMIT_COMMENTS;

    private static final String SIGNING_CRYPTO = "originhub.gatewaykit.signingCrypto";

    private WsSecurityProfile() {
    }

    /**
     * Signs every message going out through {@code provider} (a CXF client, or an endpoint: then its responses) with
     * the keystore's key. Add it to an endpoint's out-fault chain too, after the fault is final, to sign faults.
     */
    public static WSS4JOutInterceptor signer(GatewayKeystore keystore) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION,
                ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        properties.put(ConfigurationConstants.USER, keystore.alias());
        properties.put(ConfigurationConstants.SIG_PROP_REF_ID, SIGNING_CRYPTO);
        properties.put(SIGNING_CRYPTO, keystore.crypto());
        properties.put(ConfigurationConstants.PW_CALLBACK_REF, keystore.passwordCallback());
        // The certificate travels in the message; the receiver needs no directory lookup to verify the signature.
        properties.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        properties.put(ConfigurationConstants.USE_SINGLE_CERTIFICATE, "true");
        // All three explicitly: xmlsec otherwise falls back to SHA-1 digests, which the hub refuses.
        properties.put(ConfigurationConstants.SIG_ALGO, SIGNATURE_ALGORITHM);
        properties.put(ConfigurationConstants.SIG_DIGEST_ALGO, DIGEST_ALGORITHM);
        properties.put(ConfigurationConstants.SIG_C14N_ALGO, C14N_ALGORITHM);
        properties.put(ConfigurationConstants.SIGNATURE_PARTS,
                "{Element}{" + WSS4JConstants.WSU_NS + "}Timestamp;"
                + "{Element}{http://schemas.xmlsoap.org/soap/envelope/}Body");
        properties.put(ConfigurationConstants.TTL_TIMESTAMP, Long.toString(TIMESTAMP_TTL.toSeconds()));
        properties.put(ConfigurationConstants.MUST_UNDERSTAND, "true");
        return new WSS4JOutInterceptor(properties);
    }

    /** Signs the requests of a client (out chain). */
    public static void signOutgoing(InterceptorProvider client, GatewayKeystore keystore) {
        client.getOutInterceptors().add(signer(keystore));
    }

    /**
     * Verifies the responses and faults a client receives: each must be signed per the profile by one of the pinned
     * certificates, or the call fails with {@link UntrustedMessageException} (an unsigned fault included: what it
     * says is reported, but as untrusted).
     */
    public static void verifyResponses(InterceptorProvider client, PinnedCertificates signers) {
        client.getInInterceptors().add(new ProfileSignatureVerifier());
        client.getInInterceptors().add(new PinnedSignerCheck(signers));
        client.getInFaultInterceptors().add(new ProfileSignatureVerifier());
        client.getInFaultInterceptors().add(new PinnedSignerCheck(signers));
    }

    /** Verifies the requests an endpoint receives: signed per the profile by one of the pinned certificates. */
    public static void verifyRequests(InterceptorProvider endpoint, PinnedCertificates signers) {
        endpoint.getInInterceptors().add(new ProfileSignatureVerifier());
        endpoint.getInInterceptors().add(new PinnedSignerCheck(signers));
    }
}
