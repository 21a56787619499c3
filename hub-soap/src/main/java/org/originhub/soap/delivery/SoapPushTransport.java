package org.originhub.soap.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.delivery.boundary.PushTransport;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.exchange.boundary.DeliveredDocument;
import org.originhub.soap.contract.gatewaypush.DeliverDocumentRequest;
import org.originhub.soap.contract.gatewaypush.DeliverDocumentResponse;
import org.originhub.soap.contract.gatewaypush.GatewayPushPortType;
import org.originhub.soap.exchange.EnvelopeTranslation;
import org.originhub.soap.security.HubKey;
import org.originhub.soap.security.SecurityPipeline;

/**
 * Pushes one document to a PUSH gateway's DeliverDocument: the request signed with the hub key, the response's
 * signature verified and required to come from one of the gateway's registered certificates, the acknowledgement
 * required to echo the tracking number. Anything else (refused connection, timeout, SOAP fault, unsigned or wrongly
 * signed response) is a failed attempt, described for the attempt history without internal detail.
 */
@ApplicationScoped
public class SoapPushTransport implements PushTransport {

    private static final Logger LOG = Logger.getLogger(SoapPushTransport.class.getName());

    /** Idle clients kept per endpoint (and expected signers). */
    static final int MAX_IDLE_PER_ENDPOINT = 8;

    private final java.util.Map<String, java.util.Deque<GatewayPushPortType>> idleClients =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    HubKey hubKey;

    @Inject
    @ConfigProperty(name = "HUB_PUSH_CONNECT_TIMEOUT", defaultValue = "PT10S")
    String connectTimeout;

    @Inject
    @ConfigProperty(name = "HUB_PUSH_RECEIVE_TIMEOUT", defaultValue = "PT60S")
    String receiveTimeout;

    @Override
    public PushOutcome push(String endpointUrl, DeliveredDocument document, int attempt,
            Set<String> recipientCertificates) {
        if (recipientCertificates.isEmpty()) {
            return PushOutcome.failed("the recipient gateway has no active certificate to verify its answer with");
        }
        String key = endpointUrl + " " + new java.util.TreeSet<>(recipientCertificates);
        GatewayPushPortType port;
        try {
            port = borrow(key, endpointUrl, recipientCertificates);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot build a push client for " + endpointUrl, e);
            return PushOutcome.failed("the gateway's endpoint URL cannot be used: " + endpointUrl);
        }
        DeliverDocumentRequest request = new DeliverDocumentRequest();
        request.setDocument(EnvelopeTranslation.toContract(document));
        request.setAttempt(attempt);
        boolean reusable = false;
        try {
            DeliverDocumentResponse response = port.deliverDocument(request);
            reusable = true;
            if (response == null || response.getAcknowledgement() == null
                    || response.getAcknowledgement().getKind() == null) {
                return PushOutcome.failed("the gateway answered without an acknowledgement");
            }
            if (!document.trackingNumber().equals(response.getTrackingNumber())) {
                return PushOutcome.failed("the gateway acknowledged tracking number " + response.getTrackingNumber()
                        + " instead of " + document.trackingNumber());
            }
            return PushOutcome.acknowledged(AcknowledgementKind.valueOf(response.getAcknowledgement().getKind()
                    .name()), response.getAcknowledgement().getText());
        } catch (SOAPFaultException e) {
            String own = ownVerificationFailure(e);
            if (own != null) {
                return PushOutcome.failed(own);
            }
            String code = e.getFault() == null || e.getFault().getFaultCodeAsQName() == null ? "unknown"
                    : e.getFault().getFaultCodeAsQName().getLocalPart();
            return PushOutcome.failed("the gateway answered with the SOAP fault " + code + ": "
                    + clip(e.getFault() == null ? null : e.getFault().getFaultString()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Push of " + document.trackingNumber() + " to " + endpointUrl + " failed", e);
            return PushOutcome.failed(describe(e));
        } finally {
            giveBack(key, port, reusable);
        }
    }

    /**
     * A client for this endpoint and these expected signers: an idle one from the pool, or a new one. Building a
     * client (service model, interceptors) is expensive next to the push itself, so clients are kept and reused; a
     * client serves one push at a time, so each push borrows one and returns it afterwards.
     */
    private GatewayPushPortType borrow(String key, String endpointUrl, Set<String> recipientCertificates) {
        java.util.Deque<GatewayPushPortType> idle = idleClients.get(key);
        GatewayPushPortType port = idle == null ? null : idle.pollFirst();
        return port != null ? port : port(endpointUrl, recipientCertificates);
    }

    /** Keeps a client that worked for the next push (a few per endpoint), destroys the others. */
    private void giveBack(String key, GatewayPushPortType port, boolean reusable) {
        if (reusable) {
            java.util.Deque<GatewayPushPortType> idle = idleClients.computeIfAbsent(key,
                    k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
            if (idle.size() < MAX_IDLE_PER_ENDPOINT) {
                idle.offerFirst(port);
                return;
            }
        }
        ClientProxy.getClient(port).destroy();
    }

    private GatewayPushPortType port(String endpointUrl, Set<String> recipientCertificates) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(GatewayPushPortType.class);
        factory.setAddress(endpointUrl);
        GatewayPushPortType port = (GatewayPushPortType) factory.create();
        Client client = ClientProxy.getClient(port);
        SecurityPipeline.secureClient(client, hubKey, recipientCertificates);
        if (client.getConduit() instanceof HTTPConduit conduit) {
            HTTPClientPolicy policy = new HTTPClientPolicy();
            policy.setConnectionTimeout(Duration.parse(connectTimeout).toMillis());
            policy.setReceiveTimeout(Duration.parse(receiveTimeout).toMillis());
            policy.setAllowChunking(false);
            // HTTP/1.1, what the push contract promises a gateway: no h2c upgrade offers to member servers.
            policy.setVersion("1.1");
            conduit.setClient(policy);
        }
        return port;
    }

    /** The hub's own verification of the answer failed (CXF reports it as a fault of the call). */
    private static String ownVerificationFailure(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("org.originhub.soap.security.")
                    || t instanceof org.apache.wss4j.common.ext.WSSecurityException) {
                return describe(t);
            }
        }
        return null;
    }

    /** Why an attempt failed, in words for the attempt history: the kind of failure, never a stack trace. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "the gateway's endpoint refused the connection";
            }
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "the gateway's endpoint did not accept the connection in time";
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                // the second: CXF's conduit on the JDK HTTP client
                return "the gateway did not answer in time";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "the gateway's host name is unknown";
            }
            if (t.getClass().getName().startsWith("org.originhub.soap.security.")) {
                return "the gateway's answer is not signed by its registered certificate as the profile requires";
            }
            if (t instanceof org.apache.wss4j.common.ext.WSSecurityException) {
                return "the gateway's answer failed WS-Security verification";
            }
        }
        return "the push failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 299) + "\u2026";
    }
}
