package org.originhub.hub.audit.boundary;

import jakarta.ejb.ApplicationException;

/** A member auditor asked for another member state's records. The refusal itself is recorded, so it commits. */
@ApplicationException(rollback = false)
public class AuditAccessRefusedException extends RuntimeException {

    public AuditAccessRefusedException(String message) {
        super(message);
    }
}
