package org.originhub.registry.requests.entity;

/** SUBMITTED until decided: APPROVED or REJECTED by the secretariat, or CANCELLED by whoever submitted it. */
public enum RequestStatus {
    SUBMITTED, APPROVED, REJECTED, CANCELLED
}
