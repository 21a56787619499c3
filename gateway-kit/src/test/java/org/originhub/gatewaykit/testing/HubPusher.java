package org.originhub.gatewaykit.testing;

import java.time.Instant;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.originhub.gatewaykit.client.DocumentEnvelope;
import org.originhub.gatewaykit.client.Envelopes;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.gatewaypush.DeliverDocumentRequest;
import org.originhub.gatewaykit.contract.gatewaypush.DeliverDocumentResponse;
import org.originhub.gatewaykit.contract.gatewaypush.GatewayPushPortType;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.Sha256;
import org.originhub.gatewaykit.security.WsSecurityProfile;

/**
 * Plays the hub's side of DeliverDocument: signs the push with a key (the hub's, or another one for negative tests)
 * and requires the gateway's answer to be signed by the pinned gateway certificate, as the hub must.
 */
public final class HubPusher implements AutoCloseable {

    private final Bus bus = BusFactory.newInstance().createBus();
    private final GatewayPushPortType port;

    /** {@code signer} null sends unsigned requests. */
    public HubPusher(String url, GatewayKeystore signer, PinnedCertificates gateway) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(GatewayPushPortType.class);
        factory.setAddress(url);
        port = factory.create(GatewayPushPortType.class);
        Client client = ClientProxy.getClient(port);
        if (signer != null) {
            WsSecurityProfile.signOutgoing(client, signer);
        }
        WsSecurityProfile.verifyResponses(client, gateway);
    }

    public DeliverDocumentResponse push(ReceivedDocument document, int attempt) {
        DeliverDocumentRequest request = new DeliverDocumentRequest();
        request.setDocument(Envelopes.toContract(document));
        request.setAttempt(attempt);
        return port.deliverDocument(request);
    }

    /** A CO from Kenya to Tanzania as the hub would deliver it. */
    public static ReceivedDocument document(String trackingNumber, byte[] payload) {
        return new ReceivedDocument(trackingNumber, Instant.parse("2026-03-01T10:15:30.123Z"),
                new DocumentEnvelope("KE", "TZ", "EAC-CO-DEMO", DocumentType.CERTIFICATE_OF_ORIGIN,
                        DocumentFunction.NEW, "KE-2026-" + trackingNumber, "msg-" + trackingNumber, null, null, null),
                "application/xml", payload, Sha256.hex(payload), "0".repeat(64));
    }

    public static DeliverDocumentRequest request(ReceivedDocument document, int attempt) {
        DeliverDocumentRequest request = new DeliverDocumentRequest();
        request.setDocument(Envelopes.toContract(document));
        request.setAttempt(attempt);
        return request;
    }

    @Override
    public void close() {
        bus.shutdown(true);
    }
}
