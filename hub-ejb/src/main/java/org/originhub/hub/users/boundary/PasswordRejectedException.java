package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/** A new password that the password policy refuses (the message says why). */
@ApplicationException(rollback = true)
public class PasswordRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PasswordRejectedException(String reason) {
        super("Password rejected: " + reason);
    }
}
