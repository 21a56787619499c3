package org.originhub.hub.exchange.entity;

/** How a delivery was attempted: the hub called a PUSH gateway, or a PULL gateway pulled the document. */
public enum AttemptKind {
    PUSH, PULL
}
