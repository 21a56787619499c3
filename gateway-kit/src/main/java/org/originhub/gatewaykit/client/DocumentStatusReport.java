package org.originhub.gatewaykit.client;

import java.time.Instant;
import java.util.List;
import org.originhub.gatewaykit.contract.envelope.DocumentStatus;

/**
 * The life-cycle status of one CO. When {@code known} is false the hub carried no such CO between the caller and
 * another member, and the other fields are null (the history empty).
 */
public record DocumentStatusReport(boolean known, DocumentStatus status, Instant since, String agreement,
        String importingMemberState, List<StatusChange> history) {

    public DocumentStatusReport {
        history = List.copyOf(history);
    }
}
