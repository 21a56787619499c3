package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/** An administrative operation named a user that does not exist. */
@ApplicationException(rollback = true)
public class UnknownUserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownUserException(String username) {
        super("No user named " + username);
    }
}
