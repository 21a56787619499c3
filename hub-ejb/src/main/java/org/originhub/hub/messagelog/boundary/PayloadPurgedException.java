package org.originhub.hub.messagelog.boundary;

import jakarta.ejb.ApplicationException;

/** The payload asked for was purged under the retention policy (when, and its SHA-256, are in the message). */
@ApplicationException(rollback = false)
public class PayloadPurgedException extends RuntimeException {

    public PayloadPurgedException(String message) {
        super(message);
    }
}
