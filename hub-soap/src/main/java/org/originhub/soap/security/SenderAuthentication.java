package org.originhub.soap.security;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import java.time.Clock;
import java.util.Set;
import javax.xml.namespace.QName;
import org.w3c.dom.Node;
import java.time.Duration;
import java.time.Instant;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.dom.message.token.Timestamp;

/**
 * Who signed, and may they send? Runs after WSS4J verified the signature and {@link SignedPartsCheck} its coverage:
 * takes the signer's certificate from WSS4J's results, requires a strong enough key, a chain to a current trust
 * anchor and an accepting {@link SenderDirectory}, then claims the message's signature in the shared
 * {@link ReplayGuard}. Only then is an {@link AuthenticatedSender} put on the message for the endpoint.
 */
final class SenderAuthentication extends AbstractSoapInterceptor {

    /** Message property with the signer's fingerprint, for the log line of a later rejection. */
    static final String SIGNER_FINGERPRINT = "org.originhub.soap.security.signerFingerprint";

    /** Nodes' clocks differ a little; the replay record outlives the timestamp window by this much. */
    private static final Duration REPLAY_MARGIN = SecurityProfile.FUTURE_SKEW;

    private final SenderDirectory directory;
    private final ReplayGuard replayGuard;
    private final Clock clock;
    private final Set<QName> onboardingOperations;

    SenderAuthentication(SenderDirectory directory, ReplayGuard replayGuard, Clock clock) {
        this(directory, replayGuard, clock, Set.of());
    }

    /**
     * @param onboardingOperations the request elements (Body children) that an unregistered signer whose certificate
     *        chains to an active anchor may send: a gateway registering itself
     */
    SenderAuthentication(SenderDirectory directory, ReplayGuard replayGuard, Clock clock,
            Set<QName> onboardingOperations) {
        super(Phase.PRE_PROTOCOL);
        addAfter(SignedPartsCheck.class.getName());
        this.directory = directory;
        this.replayGuard = replayGuard;
        this.clock = clock;
        this.onboardingOperations = Set.copyOf(onboardingOperations);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        VerifiedSecurity verified = VerifiedSecurity.of(message);
        X509Certificate signer = verified.signer();
        if (signer == null) {
            throw new SecurityHeaderException(FaultCode.SIGNER_TOKEN_INVALID);
        }
        if (!(signer.getPublicKey() instanceof RSAPublicKey rsa)
                || rsa.getModulus().bitLength() < SecurityProfile.MIN_RSA_BITS) {
            throw new SecurityHeaderException(FaultCode.SIGNER_KEY_TOO_WEAK);
        }
        String fingerprint = SecurityProfile.fingerprint(signer);
        message.put(SIGNER_FINGERPRINT, fingerprint);

        Instant now = clock.instant();
        SenderDirectory.Trust trust = directory.trust(fingerprint);
        SignerTrust.verify(signer, trust.trustAnchors(), now);
        SenderStanding standing = trust.standing();
        if (standing == null) {
            standing = SenderStanding.unknown();
        }
        boolean onboarding = standing.status() == SenderStanding.Status.UNKNOWN && isOnboarding(message);
        if (!standing.accepted() && !onboarding) {
            FaultCode refusal = standing.status().refusal();
            if (FaultCode.UNKNOWN_SENDER.equals(refusal.code())) {
                throw new UnknownSenderException(refusal);
            }
            throw new SenderNotActiveException(refusal);
        }

        byte[] signatureValue = verified.signatureValue();
        if (signatureValue == null || signatureValue.length == 0) {
            throw new SecurityHeaderException(FaultCode.SIGNATURE_MISSING);
        }
        if (!replayGuard.firstUse(SecurityProfile.sha256Hex(signatureValue), keepUntil(verified.timestampToken()))) {
            throw new ReplayedMessageException();
        }
        if (onboarding) {
            new OnboardingCandidate(fingerprint, signer).storeOn(message);
            return;
        }
        new AuthenticatedSender(standing.memberCode(), standing.gatewayId(), fingerprint).storeOn(message);
    }

    /** The Body is signed (checked before this interceptor), so its first element names the operation reliably. */
    private boolean isOnboarding(SoapMessage message) {
        if (onboardingOperations.isEmpty()) {
            return false;
        }
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        if (saaj == null) {
            return false;
        }
        try {
            for (Node child = saaj.getSOAPBody().getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    return onboardingOperations.contains(new QName(child.getNamespaceURI(), child.getLocalName()));
                }
            }
        } catch (SOAPException e) {
            return false;
        }
        return false;
    }

    /** The end of the window in which the timestamp check would still accept this message, plus a margin. */
    private static Instant keepUntil(Timestamp timestamp) {
        Instant end = timestamp.getCreated().plus(SecurityProfile.TIMESTAMP_TTL);
        if (timestamp.getExpires() != null && timestamp.getExpires().isBefore(end)) {
            end = timestamp.getExpires();
        }
        return end.plus(REPLAY_MARGIN);
    }
}
