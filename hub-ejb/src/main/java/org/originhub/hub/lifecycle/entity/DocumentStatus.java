package org.originhub.hub.lifecycle.entity;

/** Life-cycle status of one CO (issuing member + CO number), changed only by documents that pass through the hub. */
public enum DocumentStatus {
    ISSUED, REPLACED, CANCELLED, ACCEPTED, REJECTED, UTILISED, VERIFICATION_REQUESTED, CONFIRMED, NOT_CONFIRMED, EXPIRED
}
