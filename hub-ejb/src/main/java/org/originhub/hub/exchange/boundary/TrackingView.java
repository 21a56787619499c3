package org.originhub.hub.exchange.boundary;

import java.time.Instant;
import java.util.List;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.entity.EnvelopeData;

/**
 * What the hub knows about the delivery of one envelope, for its sender or recipient. {@code payloadPurgedAt} is
 * when the retention purge deleted the payload (null while it is stored); the SHA-256 stays.
 */
public record TrackingView(String trackingNumber, DeliveryStatus status, EnvelopeData envelope, Instant receivedAt,
        String payloadSha256, long payloadSize, int attempts, Instant lastAttemptAt, Instant acknowledgedAt,
        AcknowledgementKind acknowledgement, String acknowledgementText, List<AttemptView> history,
        Instant payloadPurgedAt) {
}
