package org.originhub.hub.exchange.entity;

/** What came of one delivery attempt. */
public enum AttemptOutcome {
    /** The PUSH gateway answered with an acknowledgement. */
    ACKNOWLEDGED,
    /** Transport error, timeout, fault or unverifiable answer: the hub retries. */
    FAILED,
    /** A PULL gateway took the document; its acknowledgement follows separately. */
    PULLED
}
