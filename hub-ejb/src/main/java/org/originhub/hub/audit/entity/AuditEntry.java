package org.originhub.hub.audit.entity;

import java.util.Objects;
import org.originhub.registry.events.Actor;

/**
 * What a feature asks the audit log to record: actor, action, the objects concerned, outcome and a short detail.
 * Never a payload, certificate or secret. Text is clipped to the column sizes so that recording never fails on
 * length.
 *
 * <p>Features build an entry from who acted ({@link #byGateway}, {@link #byUser}, {@link #byHub}, {@link #by}) and
 * add what it concerns: {@link #about} an object, {@link #aboutMessage} an exchange message, {@link #withExchange}
 * the exchange columns alone, {@link #withDetail} the detail, {@link #withRefusal} a refused request. The canonical
 * constructor takes every column, as a record read back from the log has them.
 */
public record AuditEntry(String actorKind, String actor, String actorMember, String action, Outcome outcome,
        String objectType, String objectId, String trackingNumber, String coNumber, String senderMember,
        String recipientMember, String detail) {

    /** The object type of every entry about one exchange message. */
    public static final String EXCHANGE_MESSAGE = "ExchangeMessage";

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

    /** Something a member state's gateway did, named by its certificate's SHA-256 fingerprint. */
    public static AuditEntry byGateway(String certificateFingerprint, String memberCode, String action,
            Outcome outcome) {
        return by(Actor.Kind.GATEWAY.name(), certificateFingerprint, memberCode, action, outcome);
    }

    /** Something a console or API user did; {@code memberCode} is the member state the user belongs to, if any. */
    public static AuditEntry byUser(String username, String memberCode, String action, Outcome outcome) {
        return by(Actor.Kind.USER.name(), username, memberCode, action, outcome);
    }

    /** Something the hub did on its own, named by the part of the hub that did it (e.g. "delivery"). */
    public static AuditEntry byHub(String name, String action, Outcome outcome) {
        return by(Actor.Kind.HUB.name(), name, null, action, outcome);
    }

    /** Something {@code actor} did. */
    public static AuditEntry by(Actor actor, String action, Outcome outcome) {
        return by(actor.kind().name(), actor.name(), actor.memberCode(), action, outcome);
    }

    private static AuditEntry by(String kind, String actor, String actorMember, String action, Outcome outcome) {
        return new AuditEntry(kind, actor, actorMember, action, outcome, null, null, null, null, null, null, null);
    }

    /** This entry about the object {@code objectId} of type {@code objectType}. */
    public AuditEntry about(String objectType, String objectId) {
        return new AuditEntry(actorKind, actor, actorMember, action, outcome, objectType, objectId, trackingNumber,
                coNumber, senderMember, recipientMember, detail);
    }

    /** This entry about one exchange message, named by its tracking number, with its CO and its two members. */
    public AuditEntry aboutMessage(String trackingNumber, String coNumber, String senderMember,
            String recipientMember) {
        return about(EXCHANGE_MESSAGE, trackingNumber).withExchange(trackingNumber, coNumber, senderMember,
                recipientMember);
    }

    /** This entry with the exchange columns the log is searched by (each may be null). */
    public AuditEntry withExchange(String trackingNumber, String coNumber, String senderMember,
            String recipientMember) {
        return new AuditEntry(actorKind, actor, actorMember, action, outcome, objectType, objectId, trackingNumber,
                coNumber, senderMember, recipientMember, detail);
    }

    public AuditEntry withDetail(String detail) {
        return new AuditEntry(actorKind, actor, actorMember, action, outcome, objectType, objectId, trackingNumber,
                coNumber, senderMember, recipientMember, detail);
    }

    /** This entry as a refusal: outcome REJECTED, the detail "code: reason" with the code the caller was given. */
    public AuditEntry withRefusal(String code, String reason) {
        return new AuditEntry(actorKind, actor, actorMember, action, Outcome.REJECTED, objectType, objectId,
                trackingNumber, coNumber, senderMember, recipientMember, code + ": " + reason);
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "\u2026";
    }
}
