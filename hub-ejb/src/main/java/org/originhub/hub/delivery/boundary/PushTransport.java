package org.originhub.hub.delivery.boundary;

import java.util.Set;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.exchange.boundary.DeliveredDocument;

/**
 * Calls a PUSH gateway's DeliverDocument (gateway-push.wsdl). Implemented at the SOAP edge (hub-soap), which signs
 * the request with the hub's key and verifies that the response is signed by one of the recipient's registered
 * certificates; the delivery feature only decides when and what to push.
 */
public interface PushTransport {

    /**
     * One attempt. Never throws for a failed delivery: transport errors, timeouts, SOAP faults and unverifiable
     * responses come back as {@link PushOutcome#failed}.
     *
     * @param recipientCertificates SHA-256 fingerprints of the recipient gateway's active and staged certificates
     */
    PushOutcome push(String endpointUrl, DeliveredDocument document, int attempt, Set<String> recipientCertificates);
}
