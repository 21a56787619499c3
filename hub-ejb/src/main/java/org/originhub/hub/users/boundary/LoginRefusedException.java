package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A login was refused. The transaction commits regardless ({@code rollback = false}): the failed attempt, its
 * counter and its audit event must survive the refusal. The message is safe to show to the caller.
 */
@ApplicationException(rollback = false, inherited = true)
public abstract class LoginRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected LoginRefusedException(String message) {
        super(message);
    }
}
