package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/** Unknown username or wrong password: one message for both, so the answer does not reveal which usernames exist. */
@ApplicationException(rollback = false)
public class InvalidCredentialsException extends LoginRefusedException {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException() {
        super("Invalid username or password");
    }
}
