package org.originhub.gatewaykit.client;

import java.time.Instant;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;

/**
 * The hub's receipt for a submission: the document is durably stored. {@link HubClient#submit} has already checked
 * that {@code payloadSha256} is the SHA-256 of the bytes sent.
 */
public record Receipt(String trackingNumber, Instant receivedAt, String payloadSha256, DeliveryStatus deliveryStatus) {
}
