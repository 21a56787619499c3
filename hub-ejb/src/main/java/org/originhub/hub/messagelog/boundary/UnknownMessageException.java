package org.originhub.hub.messagelog.boundary;

import jakarta.ejb.ApplicationException;

/**
 * No such tracking number or CO, or one the caller may not see: a member auditor is told the same in both cases, so
 * that it cannot learn what other member states exchange. The refusal is recorded, so it commits.
 */
@ApplicationException(rollback = false)
public class UnknownMessageException extends RuntimeException {

    public UnknownMessageException(String message) {
        super(message);
    }
}
