package org.originhub.hub.exchange.entity;

/** What the importing member decided about a CO (BUSINESS_RESPONSE). */
public enum BusinessResponseKind {
    ACCEPTED, REJECTED, UTILISED
}
