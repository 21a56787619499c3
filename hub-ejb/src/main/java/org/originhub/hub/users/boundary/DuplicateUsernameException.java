package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/** A user with that username (compared without regard to case) exists already. */
@ApplicationException(rollback = true)
public class DuplicateUsernameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DuplicateUsernameException(String username) {
        super("A user named " + username + " exists already");
    }
}
