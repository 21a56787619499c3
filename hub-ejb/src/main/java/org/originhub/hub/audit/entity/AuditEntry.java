package org.originhub.hub.audit.entity;

import java.util.Objects;

/**
 * What a feature asks the audit log to record: actor, action, the objects concerned, outcome and a short detail.
 * Never a payload, certificate or secret. Text is clipped to the column sizes so that recording never fails on
 * length.
 */
public record AuditEntry(String actorKind, String actor, String actorMember, String action, Outcome outcome,
        String objectType, String objectId, String trackingNumber, String coNumber, String senderMember,
        String recipientMember, String detail) {

    public AuditEntry {
        Objects.requireNonNull(actorKind, "actorKind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        actor = clip(actor == null || actor.isBlank() ? "unknown" : actor, 200);
        action = clip(action, 64);
        objectType = clip(objectType, 40);
        objectId = clip(objectId, 100);
        trackingNumber = clip(trackingNumber, 64);
        coNumber = clip(coNumber, 100);
        detail = clip(detail, 1000);
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "\u2026";
    }
}
