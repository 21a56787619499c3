package org.originhub.gatewaykit.client;

import java.time.Instant;

/** A document waiting in a PULL gateway's inbox, without its payload. */
public record InboxItem(String trackingNumber, Instant receivedAt, DocumentEnvelope envelope, long payloadSize,
        String payloadSha256) {
}
