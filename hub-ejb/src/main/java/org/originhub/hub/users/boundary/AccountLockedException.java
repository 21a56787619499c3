package org.originhub.hub.users.boundary;

import jakarta.ejb.ApplicationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Too many consecutive failed logins: every login is refused, without looking at the password, until a moment. */
@ApplicationException(rollback = false)
public class AccountLockedException extends LoginRefusedException {

    private static final long serialVersionUID = 1L;
    private final Instant lockedUntil;

    public AccountLockedException(Instant lockedUntil) {
        super("Account locked after too many failed logins, until " + lockedUntil.truncatedTo(ChronoUnit.SECONDS));
        this.lockedUntil = lockedUntil;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }
}
