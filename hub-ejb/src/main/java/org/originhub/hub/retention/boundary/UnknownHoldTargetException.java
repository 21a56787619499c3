package org.originhub.hub.retention.boundary;

import jakarta.ejb.ApplicationException;

/** A hold was asked for a CO or tracking number the hub does not know, or a hold id that does not exist. Recorded. */
@ApplicationException(rollback = false)
public class UnknownHoldTargetException extends RuntimeException {

    public UnknownHoldTargetException(String message) {
        super(message);
    }
}
