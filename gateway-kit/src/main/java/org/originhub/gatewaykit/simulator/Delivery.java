package org.originhub.gatewaykit.simulator;

import java.time.Instant;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;

/**
 * A document the simulator accepted, with the acknowledgement it answered (and answers again to every repeat).
 *
 * @param attempt the hub's attempt number of the first accepted delivery
 * @param hubSigner SHA-256 of the certificate that signed the delivery
 */
public record Delivery(ReceivedDocument document, int attempt, Instant arrivedAt, AcknowledgementKind acknowledgement,
        String acknowledgementText, String hubSigner) {
}
