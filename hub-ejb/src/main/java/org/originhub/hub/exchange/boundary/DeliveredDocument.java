package org.originhub.hub.exchange.boundary;

import java.time.Instant;
import org.originhub.hub.exchange.entity.EnvelopeData;

/** A document as its recipient receives it (pulled or pushed): envelope and payload bytes exactly as submitted. */
public record DeliveredDocument(String trackingNumber, Instant receivedAt, EnvelopeData envelope, String mediaType,
        byte[] payload, String payloadSha256, String senderCertificateFingerprint) {
}
