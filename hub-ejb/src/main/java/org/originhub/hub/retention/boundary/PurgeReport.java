package org.originhub.hub.retention.boundary;

import java.time.Instant;

/**
 * What one retention run did: the policy and the cut-off it applied (payloads of documents received before it),
 * how many payloads it purged in how many batches, the first and last tracking number purged, and how many payloads
 * past the cut-off legal holds kept.
 */
public record PurgeReport(String retention, Instant cutoff, long purged, int batches, String firstTrackingNumber,
        String lastTrackingNumber, long heldBack) {
}
