package org.originhub.soap.security;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;

/**
 * Applies the hub's WS-Security profile to a CXF endpoint, the one way every protected endpoint is secured.
 *
 * <p>Inbound, in order, all before any business code: {@link MessageSizeLimit} (the declared length, then a counting
 * stream, against {@code HUB_MAX_MESSAGE_BYTES}; CXF phase RECEIVE), {@link EnvelopeShapeCheck} (no Body outside
 * its place, checked while the request is read; POST_STREAM), {@link SecurityHeaderCheck} (shape of the Security
 * header, algorithms), {@link ProfileWss4jInInterceptor} (signature and timestamp verification),
 * {@link SignedPartsCheck} (Body and Timestamp signed, by element identity), {@link SenderAuthentication} (trust
 * anchors, registry, shared replay guard; puts the {@link AuthenticatedSender} on the message; these four in
 * PRE_PROTOCOL), and last {@link EnvelopeShapeCheck.ReadToTheEnd} (reads the request to its end, so nothing follows
 * the Body; PRE_INVOKE). Outbound, responses and faults are signed with the
 * {@link HubKey} (Timestamp and Body, BinarySecurityToken, RSA-SHA256, exclusive C14N, SHA-256), and every fault is
 * rewritten by {@link FaultMapper}.
 *
 * <pre>
 * SecurityPipeline pipeline = new SecurityPipeline(directory, replayGuard, HubKey.fromConfig(config));
 * EndpointImpl endpoint = new EndpointImpl(bus, implementor);
 * pipeline.secure(endpoint);
 * endpoint.publish("/exchange");
 * </pre>
 */
public final class SecurityPipeline {

    /** The configuration key of the request size limit. */
    public static final String MAX_MESSAGE_BYTES = "HUB_MAX_MESSAGE_BYTES";
    /** Its default: 10 MiB per request. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 10L * 1024 * 1024;

    private static final String SIGNING_CRYPTO = "originhub.hubSigningCrypto";

    private final SenderDirectory directory;
    private final ReplayGuard replayGuard;
    private final HubKey hubKey;
    private final Clock clock;
    private final RejectionLog rejections;
    private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

    public SecurityPipeline(SenderDirectory directory, ReplayGuard replayGuard, HubKey hubKey) {
        this(directory, replayGuard, hubKey, RejectionLog.NONE);
    }

    public SecurityPipeline(SenderDirectory directory, ReplayGuard replayGuard, HubKey hubKey,
            RejectionLog rejections) {
        this(directory, replayGuard, hubKey, Clock.systemUTC(), rejections);
    }

    SecurityPipeline(SenderDirectory directory, ReplayGuard replayGuard, HubKey hubKey, Clock clock) {
        this(directory, replayGuard, hubKey, clock, RejectionLog.NONE);
    }

    SecurityPipeline(SenderDirectory directory, ReplayGuard replayGuard, HubKey hubKey, Clock clock,
            RejectionLog rejections) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.hubKey = Objects.requireNonNull(hubKey, "hubKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
    }

    /** The size limit for requests to endpoints secured from now on (HUB_MAX_MESSAGE_BYTES). */
    public SecurityPipeline maxMessageBytes(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("HUB_MAX_MESSAGE_BYTES must be positive, not " + limit);
        }
        this.maxMessageBytes = limit;
        return this;
    }

    /** Secures an endpoint before it is published: signed requests only, signed responses, mapped faults. */
    public EndpointImpl secure(EndpointImpl endpoint) {
        return secure(endpoint, Set.of());
    }

    /**
     * As {@link #secure(EndpointImpl)}, and lets an unregistered signer whose certificate chains to an active anchor
     * send the given onboarding requests (identified by their Body element); the endpoint then finds an
     * {@link OnboardingCandidate} instead of an {@link AuthenticatedSender}. Everything else (algorithms, coverage,
     * timestamp, replay) applies unchanged.
     */
    public EndpointImpl secure(EndpointImpl endpoint, Set<QName> onboardingOperations) {
        requireUnpublished(endpoint);
        endpoint.getInInterceptors().add(new MessageSizeLimit(maxMessageBytes));
        endpoint.getInInterceptors().add(new EnvelopeShapeCheck());
        endpoint.getInInterceptors().add(new EnvelopeShapeCheck.ReadToTheEnd());
        endpoint.getInInterceptors().add(new SecurityHeaderCheck());
        endpoint.getInInterceptors().add(new ProfileWss4jInInterceptor(clock));
        endpoint.getInInterceptors().add(new SignedPartsCheck());
        endpoint.getInInterceptors().add(new SenderAuthentication(directory, replayGuard, clock,
                onboardingOperations));
        endpoint.getOutInterceptors().add(signer());
        endpoint.getOutFaultInterceptors().add(new FaultMapper(rejections));
        endpoint.getOutFaultInterceptors().add(signer());
        hideFaultDetail(endpoint);
        return endpoint;
    }

    /**
     * Secures one of the hub's own client calls (a push to a gateway): the request is signed with the hub key, and
     * the response must follow the same profile (Timestamp and Body signed, accepted algorithms, fresh timestamp) and
     * be signed by one of {@code expectedSigners} (SHA-256 fingerprints of the gateway's registered certificates).
     * A response that fails any check makes the call throw.
     */
    public static void secureClient(org.apache.cxf.endpoint.Client client, HubKey hubKey,
            java.util.Set<String> expectedSigners) {
        client.getOutInterceptors().add(signingInterceptor(hubKey));
        client.getInInterceptors().add(new SecurityHeaderCheck());
        client.getInInterceptors().add(new ProfileWss4jInInterceptor(Clock.systemUTC()));
        client.getInInterceptors().add(new SignedPartsCheck());
        client.getInInterceptors().add(new ResponseSignerCheck(expectedSigners));
    }

    /**
     * For a public endpoint that needs no signature (the hub information service): only the fault mapping, so that
     * it leaks no internal detail either.
     */
    public static EndpointImpl mapFaults(EndpointImpl endpoint) {
        requireUnpublished(endpoint);
        endpoint.getOutFaultInterceptors().add(new FaultMapper());
        hideFaultDetail(endpoint);
        return endpoint;
    }

    private WSS4JOutInterceptor signer() {
        return signingInterceptor(hubKey);
    }

    /**
     * The hub's outbound signature (Timestamp and Body, BinarySecurityToken, RSA-SHA256, exclusive C14N, SHA-256):
     * on responses and faults here, and on the requests the hub pushes to gateways.
     */
    public static WSS4JOutInterceptor signingInterceptor(HubKey hubKey) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION,
                ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        properties.put(ConfigurationConstants.USER, hubKey.alias());
        properties.put(ConfigurationConstants.SIG_PROP_REF_ID, SIGNING_CRYPTO);
        properties.put(SIGNING_CRYPTO, hubKey.crypto());
        properties.put(ConfigurationConstants.PW_CALLBACK_REF, hubKey.passwordCallback());
        properties.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        properties.put(ConfigurationConstants.USE_SINGLE_CERTIFICATE, "true");
        // Explicit, or xmlsec falls back to SHA-1 digests.
        properties.put(ConfigurationConstants.SIG_ALGO, WSS4JConstants.RSA_SHA256);
        properties.put(ConfigurationConstants.SIG_DIGEST_ALGO, WSS4JConstants.SHA256);
        properties.put(ConfigurationConstants.SIG_C14N_ALGO, SecurityProfile.C14N);
        properties.put(ConfigurationConstants.SIGNATURE_PARTS,
                "{Element}{" + WSS4JConstants.WSU_NS + "}Timestamp;"
                + "{Element}{http://schemas.xmlsoap.org/soap/envelope/}Body");
        properties.put(ConfigurationConstants.TTL_TIMESTAMP, Long.toString(SecurityProfile.TIMESTAMP_TTL.toSeconds()));
        properties.put(ConfigurationConstants.MUST_UNDERSTAND, "true");
        return new WSS4JOutInterceptor(properties);
    }

    private static void hideFaultDetail(EndpointImpl endpoint) {
        Map<String, Object> properties = endpoint.getProperties() == null ? new HashMap<>()
                : new HashMap<>(endpoint.getProperties());
        properties.put(Message.FAULT_STACKTRACE_ENABLED, Boolean.FALSE);
        properties.put(Message.EXCEPTION_MESSAGE_CAUSE_ENABLED, Boolean.FALSE);
        endpoint.setProperties(properties);
    }

    private static void requireUnpublished(EndpointImpl endpoint) {
        if (endpoint.isPublished()) {
            throw new IllegalStateException("Secure the endpoint before publishing it");
        }
    }
}
