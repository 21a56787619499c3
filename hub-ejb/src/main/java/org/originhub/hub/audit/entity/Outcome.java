package org.originhub.hub.audit.entity;

/** How an audited action ended. */
public enum Outcome {
    SUCCESS, REJECTED, FAILED
}
