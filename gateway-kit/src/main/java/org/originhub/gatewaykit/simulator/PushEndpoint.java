package org.originhub.gatewaykit.simulator;

import jakarta.jws.WebService;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.originhub.gatewaykit.contract.envelope.Acknowledgement;
import org.originhub.gatewaykit.contract.gatewaypush.DeliverDocumentRequest;
import org.originhub.gatewaykit.contract.gatewaypush.DeliverDocumentResponse;
import org.originhub.gatewaykit.contract.gatewaypush.GatewayPushPortType;
import org.originhub.gatewaykit.security.VerifiedSigner;

/** DeliverDocument of gateway-push.wsdl; reached only by requests the security chain verified. */
@WebService(
        serviceName = "GatewayPushService",
        portName = "GatewayPushPort",
        targetNamespace = "urn:originhub:gateway:v1",
        endpointInterface = "org.originhub.gatewaykit.contract.gatewaypush.GatewayPushPortType",
        wsdlLocation = "classpath:originhub/wsdl/gateway-push.wsdl")
public class PushEndpoint implements GatewayPushPortType {

    private final GatewaySimulator simulator;

    PushEndpoint(GatewaySimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public DeliverDocumentResponse deliverDocument(DeliverDocumentRequest request) {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        VerifiedSigner signer = message == null ? null : VerifiedSigner.of(message);
        if (signer == null) {
            // Only reachable if the endpoint were published without its security chain: refuse, never accept.
            throw new IllegalStateException("DeliverDocument reached without a verified signer");
        }
        Delivery delivery = simulator.deliver(request.getDocument(), request.getAttempt(), signer.fingerprint());
        DeliverDocumentResponse response = new DeliverDocumentResponse();
        response.setTrackingNumber(delivery.document().trackingNumber());
        Acknowledgement acknowledgement = new Acknowledgement();
        acknowledgement.setKind(delivery.acknowledgement());
        acknowledgement.setText(delivery.acknowledgementText());
        response.setAcknowledgement(acknowledgement);
        return response;
    }
}
