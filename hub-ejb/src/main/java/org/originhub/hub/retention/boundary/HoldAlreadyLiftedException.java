package org.originhub.hub.retention.boundary;

import jakarta.ejb.ApplicationException;

/** The hold to lift was lifted already (by whom, when, is in the message). Recorded. */
@ApplicationException(rollback = false)
public class HoldAlreadyLiftedException extends RuntimeException {

    public HoldAlreadyLiftedException(String message) {
        super(message);
    }
}
