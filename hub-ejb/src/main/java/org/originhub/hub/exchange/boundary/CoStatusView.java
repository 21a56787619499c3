package org.originhub.hub.exchange.boundary;

import java.time.Instant;
import java.util.List;
import org.originhub.hub.lifecycle.entity.DocumentStatus;

/** The life-cycle of one CO (issuing member + CO number) with every change, oldest first. */
public record CoStatusView(String issuingMember, String coNumber, DocumentStatus status, Instant statusSince,
        String agreement, String importingMember, List<Change> history) {

    /** One status change and the envelope whose document caused it. */
    public record Change(DocumentStatus status, Instant at, String trackingNumber) {
    }
}
