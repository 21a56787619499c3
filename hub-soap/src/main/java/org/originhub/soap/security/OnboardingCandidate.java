package org.originhub.soap.security;

import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.apache.cxf.message.Message;

/**
 * The signer of an onboarding request (a gateway registering itself): its certificate chains to an active trust
 * anchor and verified the signature, but it is not registered yet. Only operations the endpoint declared as
 * onboarding operations ever see one; every other operation refuses an unregistered signer as UnknownSender.
 */
public record OnboardingCandidate(String certificateFingerprint, X509Certificate certificate) {

    public static final String PROPERTY = OnboardingCandidate.class.getName();

    public OnboardingCandidate {
        Objects.requireNonNull(certificateFingerprint, "certificateFingerprint");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** The candidate that signed the onboarding request being served, if the signer is not a registered gateway. */
    public static java.util.Optional<OnboardingCandidate> of(WebServiceContext context) {
        MessageContext messageContext = context.getMessageContext();
        Object value = messageContext == null ? null : messageContext.get(PROPERTY);
        return value instanceof OnboardingCandidate candidate ? java.util.Optional.of(candidate)
                : java.util.Optional.empty();
    }

    void storeOn(Message message) {
        message.put(PROPERTY, this);
        if (message.getExchange() != null) {
            message.getExchange().put(PROPERTY, this);
        }
    }
}
