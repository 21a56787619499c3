package org.originhub.hub.exchange.boundary;

import java.util.Objects;
import org.originhub.hub.exchange.entity.EnvelopeData;

/** One document as submitted: its envelope and its payload bytes, which the hub stores and forwards unchanged. */
public record Submission(EnvelopeData envelope, String mediaType, byte[] payload) {

    public Submission {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(payload, "payload");
    }
}
