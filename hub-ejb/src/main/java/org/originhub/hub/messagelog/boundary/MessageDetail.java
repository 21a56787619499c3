package org.originhub.hub.messagelog.boundary;

import java.util.List;
import org.originhub.hub.audit.boundary.AuditRecordView;
import org.originhub.hub.exchange.boundary.AttemptView;
import org.originhub.hub.exchange.boundary.CoStatusView;
import org.originhub.hub.exchange.entity.Reference;

/**
 * Everything the hub knows about one exchange: the envelope, its references, the delivery history (every PUSH
 * attempt or pull), the recipient's acknowledgement text, the life cycle of the CO it concerns (and of the CO a
 * replacement replaces), whether a legal hold keeps its payload, and the audit records of its tracking number (for a
 * member auditor, those concerning its member state), oldest first. {@code receivedRecordSeq} and
 * {@code receivedRecordHash} name the audit record of its acceptance in the hash chain.
 */
public record MessageDetail(MessageSummary message, List<Reference> references, String acknowledgementText,
        String dependsOn, List<AttemptView> attempts, List<CoStatusView> lifecycle, boolean legalHold,
        Long receivedRecordSeq, String receivedRecordHash, List<AuditRecordView> auditRecords) {
}
