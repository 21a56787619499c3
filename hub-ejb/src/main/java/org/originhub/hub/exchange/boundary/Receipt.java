package org.originhub.hub.exchange.boundary;

import java.time.Instant;

/** The hub's receipt: the document is durably stored and will be delivered. */
public record Receipt(String trackingNumber, Instant receivedAt, String payloadSha256) {
}
