package org.originhub.gatewaykit.simulator;

import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.originhub.gatewaykit.security.UntrustedMessageException;

/**
 * Turns every failure into a fault with a code in urn:originhub:faults:v1, as the push contract asks (the hub
 * branches on the code): SecurityError for a request that does not verify, Replay, ServiceUnavailable for a simulated
 * outage, InvalidRequest for what CXF could not read, InternalError otherwise. No exception text of CXF or WSS4J
 * reaches the caller. Counts the security refusals for tests.
 */
final class SimulatorFaults extends AbstractPhaseInterceptor<Message> {

    static final String NAMESPACE = "urn:originhub:faults:v1";
    private static final Logger LOG = Logger.getLogger(SimulatorFaults.class.getName());

    private final Runnable onSecurityRefusal;

    SimulatorFaults(Runnable onSecurityRefusal) {
        super(Phase.PRE_LOGICAL);
        this.onSecurityRefusal = onSecurityRefusal;
    }

    @Override
    public void handleMessage(Message message) {
        Exception thrown = message.getContent(Exception.class);
        if (thrown == null) {
            return;
        }
        SoapFault fault;
        UntrustedMessageException untrusted = cause(thrown, UntrustedMessageException.class);
        if (untrusted != null) {
            onSecurityRefusal.run();
            LOG.info(() -> "Refused a delivery: " + untrusted.getMessage());
            fault = fault("SecurityError", untrusted.getMessage());
        } else if (cause(thrown, ReplayedRequestException.class) != null) {
            onSecurityRefusal.run();
            fault = fault("Replay", cause(thrown, ReplayedRequestException.class).getMessage());
        } else if (cause(thrown, GatewayUnavailableException.class) != null) {
            fault = fault("ServiceUnavailable", cause(thrown, GatewayUnavailableException.class).getMessage());
        } else if (thrown instanceof Fault && !(thrown.getCause() instanceof RuntimeException)) {
            // CXF itself could not read the request (XML, JAXB): the caller's problem, not the simulator's.
            fault = fault("InvalidRequest", "The request is not a DeliverDocument message of gateway-push.wsdl");
        } else {
            LOG.log(Level.WARNING, "The simulator failed on a delivery", thrown);
            fault = fault("InternalError", "The gateway simulator failed; see its log");
        }
        message.setContent(Exception.class, fault);
        message.put(Message.FAULT_STACKTRACE_ENABLED, Boolean.FALSE);
        message.put(Message.EXCEPTION_MESSAGE_CAUSE_ENABLED, Boolean.FALSE);
    }

    private static SoapFault fault(String code, String reason) {
        return new SoapFault(reason, new QName(NAMESPACE, code, "oh"));
    }

    private static <X extends Throwable> X cause(Throwable thrown, Class<X> type) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < 32; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
