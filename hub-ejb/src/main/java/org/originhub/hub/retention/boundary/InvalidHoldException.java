package org.originhub.hub.retention.boundary;

import jakarta.ejb.ApplicationException;

/** A hold request the hub refuses as asked: no reason, a reason too long, no object or two. Recorded. */
@ApplicationException(rollback = false)
public class InvalidHoldException extends RuntimeException {

    public InvalidHoldException(String message) {
        super(message);
    }
}
