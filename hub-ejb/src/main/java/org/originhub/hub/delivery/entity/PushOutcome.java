package org.originhub.hub.delivery.entity;


/** The result of one push: the recipient's acknowledgement, or why the attempt failed (for the attempt history). */
public record PushOutcome(AcknowledgementKind acknowledgement, String text, String failure) {

    public static PushOutcome acknowledged(AcknowledgementKind kind, String text) {
        return new PushOutcome(kind, text, null);
    }

    public static PushOutcome failed(String why) {
        return new PushOutcome(null, null, why);
    }

    public boolean succeeded() {
        return acknowledgement != null;
    }
}
