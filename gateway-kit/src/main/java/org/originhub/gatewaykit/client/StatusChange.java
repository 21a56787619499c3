package org.originhub.gatewaykit.client;

import java.time.Instant;
import org.originhub.gatewaykit.contract.envelope.DocumentStatus;

/** One change of a CO's document status, with the envelope whose document caused it. */
public record StatusChange(DocumentStatus status, Instant at, String trackingNumber) {
}
