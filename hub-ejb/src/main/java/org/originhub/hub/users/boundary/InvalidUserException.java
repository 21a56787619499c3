package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/** A username, role or member code that breaks the rules (the message says which rule). */
@ApplicationException(rollback = true)
public class InvalidUserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidUserException(String message) {
        super(message);
    }
}
