package org.originhub.hub.exchange.boundary;

import java.time.Instant;
import org.originhub.hub.exchange.entity.EnvelopeData;

/** A document waiting for a PULL recipient, without its payload. */
public record InboxItem(String trackingNumber, Instant receivedAt, EnvelopeData envelope, long payloadSize,
        String payloadSha256) {
}
