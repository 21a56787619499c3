package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/** The change would leave the hub without an active secretariat administrator, and nobody could repair that. */
@ApplicationException(rollback = true)
public class LastAdministratorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LastAdministratorException(String username) {
        super(username + " is the last active secretariat administrator");
    }
}
