package org.originhub.gatewaykit.client;

import java.time.Instant;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;

/**
 * The delivery status of one envelope. For {@code UNKNOWN_TRACKING_NUMBER} every other field but the tracking number
 * is null.
 */
public record Tracking(String trackingNumber, DeliveryStatus deliveryStatus, DocumentEnvelope envelope,
        Instant receivedAt, String payloadSha256, Integer deliveryAttempts, Instant lastAttemptAt,
        Instant acknowledgedAt, AcknowledgementKind acknowledgement, String acknowledgementText) {
}
