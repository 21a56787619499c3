package org.originhub.soap.security;

import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.util.Objects;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * The verified sender of the request being processed: whose gateway signed it, established by the pipeline before
 * any endpoint runs. Endpoints take the sender from here, never from the message's own content (a payload that claims
 * another member is a business check against this value).
 *
 * @param memberCode the member state, ISO 3166-1 alpha-2
 * @param gatewayId the registered gateway
 * @param certificateFingerprint SHA-256 of the signing certificate (lowercase hex), for the audit record
 */
public record AuthenticatedSender(String memberCode, String gatewayId, String certificateFingerprint) {

    /** The message (and exchange) property under which the pipeline stores the sender. */
    public static final String PROPERTY = AuthenticatedSender.class.getName();

    public AuthenticatedSender {
        Objects.requireNonNull(memberCode, "memberCode");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(certificateFingerprint, "certificateFingerprint");
    }

    /** The sender of the request an endpoint is serving (inject {@code @Resource WebServiceContext}). */
    public static AuthenticatedSender of(WebServiceContext context) {
        MessageContext messageContext = context.getMessageContext();
        return require(messageContext == null ? null : messageContext.get(PROPERTY));
    }

    /** The sender of a CXF message (in interceptors, or any message of the same exchange). */
    public static AuthenticatedSender of(Message message) {
        Object sender = message.get(PROPERTY);
        Exchange exchange = message.getExchange();
        if (sender == null && exchange != null) {
            sender = exchange.get(PROPERTY);
        }
        return require(sender);
    }

    /** The sender of the request this thread is processing. */
    public static AuthenticatedSender current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        if (message == null) {
            throw new IllegalStateException("No SOAP request is being processed on this thread");
        }
        return of(message);
    }

    void storeOn(Message message) {
        message.put(PROPERTY, this);
        if (message.getExchange() != null) {
            message.getExchange().put(PROPERTY, this);
        }
    }

    private static AuthenticatedSender require(Object sender) {
        if (sender instanceof AuthenticatedSender authenticated) {
            return authenticated;
        }
        // Only reachable when an endpoint was published without SecurityPipeline.secure: a programming error.
        throw new IllegalStateException("No authenticated sender: the endpoint is not secured by SecurityPipeline");
    }
}
