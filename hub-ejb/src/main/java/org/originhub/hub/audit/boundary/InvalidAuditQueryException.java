package org.originhub.hub.audit.boundary;

import jakarta.ejb.ApplicationException;

/** An audit query the hub cannot run as asked (a limit out of range, an unknown format or order). */
@ApplicationException(rollback = true)
public class InvalidAuditQueryException extends RuntimeException {

    public InvalidAuditQueryException(String message) {
        super(message);
    }
}
