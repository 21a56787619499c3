package org.originhub.hub.retention.entity;

/** What a legal hold covers. */
public enum HoldScope {
    /** Every message about one CO (issuer + CO number), a replacement of it included. */
    CO,
    /** One exchange: the message with one tracking number. */
    EXCHANGE
}
