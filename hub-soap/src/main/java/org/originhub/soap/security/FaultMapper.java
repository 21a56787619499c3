package org.originhub.soap.security;

import jakarta.xml.ws.WebFault;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.originhub.hub.configuration.control.DatabaseFailures;

/**
 * The one place where failures become SOAP faults on this edge. Runs first on the outbound fault chain and replaces
 * whatever fault CXF built with one from {@link FaultCode}: a rejection keeps its code and reason; a WSS4J error is
 * classified; a malformed request becomes {@code InvalidRequest}; anything else becomes {@code InternalError} with
 * a reference that is logged here with the real exception. No exception text, class name or stack trace ever reaches
 * the caller (by default CXF would send them verbatim).
 *
 * <p>The only faults left as they are: those declared in the WSDL ({@code @WebFault} exceptions), whose text is part
 * of the contract and written for integrators.
 */
final class FaultMapper extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = Logger.getLogger(FaultMapper.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> CLIENT_CODES =
            Set.of("client", "sender", "versionmismatch", "mustunderstand");
    private static final int MAX_CAUSES = 32;

    private final RejectionLog rejections;

    FaultMapper() {
        this(RejectionLog.NONE);
    }

    FaultMapper(RejectionLog rejections) {
        super(Phase.PRE_LOGICAL);
        this.rejections = rejections;
    }

    @Override
    public void handleMessage(Message message) {
        Exception thrown = message.getContent(Exception.class);
        if (thrown == null || declaredInContract(thrown)) {
            return;
        }
        RequestFault refusal = requestFault(thrown);
        if (refusal != null) {
            LOG.info(() -> "Refused a SOAP request to " + service(message) + ": " + refusal.code() + ", signer "
                    + signer(message));
            message.setContent(Exception.class, new SoapFault(refusal.getMessage(), refusal.qname()));
            message.put(Message.FAULT_STACKTRACE_ENABLED, Boolean.FALSE);
            message.put(Message.EXCEPTION_MESSAGE_CAUSE_ENABLED, Boolean.FALSE);
            if (!refusal.audited()) {
                report(message, refusal.code(), refusal.getMessage());
            }
            return;
        }
        FaultCode classified = classify(thrown);
        FaultCode code = classified == FaultCode.INTERNAL_ERROR && whileReadingTheRequest(message)
                && unreadable(thrown) ? FaultCode.INVALID_REQUEST : classified;
        String reason = code.reason();
        if (code == FaultCode.INTERNAL_ERROR) {
            String reference = HexFormat.of().formatHex(bytes(6));
            reason = String.format(code.reason(), reference);
            LOG.log(Level.SEVERE, "Internal error " + reference + " serving a SOAP request to " + service(message),
                    thrown);
        } else {
            LOG.info(() -> "Rejected a SOAP request to " + service(message) + ": " + code.code() + " (" + code
                    + "), signer " + signer(message));
        }
        SoapFault fault = new SoapFault(reason, code.qname());
        message.setContent(Exception.class, fault);
        if (code != FaultCode.SERVICE_UNAVAILABLE) {
            // The audit log lives in the database that just failed: recording this refusal there would only make the
            // caller wait for one more connection attempt (seconds when the database hangs) before it fails too. The
            // hub log (above) keeps it; the gateway resends.
            report(message, code.code(), reason);
        }
        message.put(Message.FAULT_STACKTRACE_ENABLED, Boolean.FALSE);
        message.put(Message.EXCEPTION_MESSAGE_CAUSE_ENABLED, Boolean.FALSE);
    }

    private static RequestFault requestFault(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof RequestFault fault) {
                return fault;
            }
        }
        return null;
    }

    static FaultCode classify(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof MessageRejectedException rejected) {
                return rejected.faultCode();
            }
        }
        depth = 0;
        for (Throwable t = thrown; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof WSSecurityException security) {
                return classify(security);
            }
        }
        if (thrown instanceof Fault fault && isClientCode(fault.getFaultCode()) && !hasUnexpectedCause(fault)) {
            return FaultCode.INVALID_REQUEST;
        }
        if (databaseUnavailable(thrown)) {
            return FaultCode.SERVICE_UNAVAILABLE;
        }
        return FaultCode.INTERNAL_ERROR;
    }

    private static FaultCode classify(WSSecurityException security) {
        if (security.getErrorCode() == null) {
            return FaultCode.SECURITY_HEADER_INVALID;
        }
        return switch (security.getErrorCode()) {
            case FAILED_CHECK -> FaultCode.SIGNATURE_INVALID;
            case MESSAGE_EXPIRED -> FaultCode.TIMESTAMP_EXPIRED;
            case UNSUPPORTED_ALGORITHM -> FaultCode.SIGNATURE_ALGORITHM_NOT_ACCEPTED;
            case SECURITY_TOKEN_UNAVAILABLE, INVALID_SECURITY_TOKEN, UNSUPPORTED_SECURITY_TOKEN ->
                    FaultCode.SIGNER_TOKEN_INVALID;
            default -> FaultCode.SECURITY_HEADER_INVALID;
        };
    }

    /**
     * The database cannot serve the request now (unreachable, lost, a Galera node failing over, a transaction rolled
     * back for another one, the pool exhausted; {@link DatabaseFailures}): nothing was stored, and the caller should
     * retry, which {@code ServiceUnavailable} tells it.
     */
    static boolean databaseUnavailable(Throwable thrown) {
        return DatabaseFailures.unavailable(thrown);
    }

    /** A client-side fault from CXF itself (unparsable XML, unknown operation) says so with a client code. */
    private static boolean isClientCode(QName code) {
        return code != null && CLIENT_CODES.contains(code.getLocalPart().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The request could not be read as XML (bytes that are not UTF-8, not XML at all, names a DOM refuses): CXF
     * reports it as a server fault around the parser's exception, but the request is at fault. Only while the request
     * is read (no response exists yet): a writer failing on the way out stays an internal error.
     */
    private static boolean unreadable(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            // DOMException: CXF builds the SOAP headers as DOM, whose element names are checked more strictly than
            // the StAX reader checks them (a fuzzing case, replayed in every build: see docs/reliability.md)
            if (t instanceof javax.xml.stream.XMLStreamException || t instanceof java.io.CharConversionException
                    || t instanceof org.w3c.dom.DOMException || thrownByTheXmlReader(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The StAX reader (Woodstox) itself gave up on the request's content with an IllegalStateException, as it does
     * for some malformed processing instructions in a header (a fuzzing case, see docs/reliability.md): the request
     * is at fault.
     */
    private static boolean thrownByTheXmlReader(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        return t instanceof IllegalStateException && stack.length > 0
                && stack[0].getClassName().startsWith("com.ctc.wstx.");
    }

    private static boolean whileReadingTheRequest(Message message) {
        Exchange exchange = message.getExchange();
        return exchange != null && exchange.getOutMessage() == null;
    }

    /** A client code wrapped around a runtime failure of the hub's own code is still the hub's failure. */
    private static boolean hasUnexpectedCause(Fault fault) {
        Throwable cause = fault.getCause();
        return cause instanceof RuntimeException && !(cause instanceof Fault);
    }

    private static boolean declaredInContract(Exception thrown) {
        Throwable cause = thrown instanceof Fault ? thrown.getCause() : thrown;
        return cause != null && cause.getClass().isAnnotationPresent(WebFault.class);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String service(Message message) {
        Exchange exchange = message.getExchange();
        if (exchange == null || exchange.getService() == null) {
            return "(unknown service)";
        }
        return exchange.getService().getName().getLocalPart();
    }

    private void report(Message message, String code, String reason) {
        Exchange exchange = message.getExchange();
        Message in = exchange == null ? null : exchange.getInMessage();
        Object fingerprint = in == null ? null : in.get(SenderAuthentication.SIGNER_FINGERPRINT);
        Object sender = in == null ? null : in.get(AuthenticatedSender.PROPERTY);
        String member = sender instanceof AuthenticatedSender authenticated ? authenticated.memberCode() : null;
        Object operation = in == null ? null : in.get(Message.WSDL_OPERATION);
        try {
            rejections.rejected(new RejectionLog.Rejection(service(message),
                    operation instanceof QName name ? name.getLocalPart() : null, code, reason,
                    fingerprint == null ? null : fingerprint.toString(), member));
        } catch (RuntimeException e) {
            // The caller still gets its fault; the hub log keeps the failure to audit it.
            LOG.log(Level.SEVERE, "Could not record the refusal " + code + " of a request to " + service(message),
                    e);
        }
    }

    private static String signer(Message message) {
        Exchange exchange = message.getExchange();
        Message in = exchange == null ? null : exchange.getInMessage();
        Object fingerprint = in == null ? null : in.get(SenderAuthentication.SIGNER_FINGERPRINT);
        return fingerprint == null ? "not established" : fingerprint.toString();
    }
}
