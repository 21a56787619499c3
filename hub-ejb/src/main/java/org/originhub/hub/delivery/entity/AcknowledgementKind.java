package org.originhub.hub.delivery.entity;

/** What the recipient's gateway says about a delivered document. */
public enum AcknowledgementKind {
    OK, OK_WITH_WARNINGS, NOT_READABLE
}
