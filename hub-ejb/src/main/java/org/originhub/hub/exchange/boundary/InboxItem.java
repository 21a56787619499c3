package org.originhub.hub.exchange.boundary;

import java.time.Instant;

/** A document waiting for a PULL recipient, without its payload. */
public record InboxItem(String trackingNumber, Instant receivedAt, EnvelopeData envelope, long payloadSize,
        String payloadSha256) {
}
