package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;

/** An administrator has disabled the account; only an administrator can enable it again. */
@ApplicationException(rollback = false)
public class AccountDisabledException extends LoginRefusedException {

    private static final long serialVersionUID = 1L;

    public AccountDisabledException() {
        super("Account disabled; a secretariat administrator can enable it");
    }
}
