package org.originhub.hub.audit.boundary;

import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditRecord;

/** One audit record as the API shows it; {@code recordedAt} in the canonical form's six-digit UTC format. */
public record AuditRecordView(long seq, String recordedAt, String actorKind, String actor, String actorMember,
        String action, String outcome, String objectType, String objectId, String trackingNumber, String coNumber,
        String senderMember, String recipientMember, String detail, String prevHash, String hash) {

    public static AuditRecordView of(AuditRecord r) {
        AuditEntry e = r.entry();
        return new AuditRecordView(r.seq(), AuditCanonicalForm.formatTime(r.recordedAt()), e.actorKind(), e.actor(),
                e.actorMember(), e.action(), e.outcome().name(), e.objectType(), e.objectId(), e.trackingNumber(),
                e.coNumber(), e.senderMember(), e.recipientMember(), e.detail(), r.prevHash(), r.hash());
    }
}
