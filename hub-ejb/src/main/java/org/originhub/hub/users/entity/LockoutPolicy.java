package org.originhub.hub.users.entity;

import java.time.Duration;

/**
 * How many consecutive failed logins lock an account, and for how long
 * ({@code HUB_LOGIN_MAX_FAILURES}, {@code HUB_LOGIN_LOCKOUT_MINUTES}).
 */
public record LockoutPolicy(int maxFailures, Duration lockout) {

    public LockoutPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("HUB_LOGIN_MAX_FAILURES must be at least 1, not " + maxFailures);
        }
        if (lockout == null || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("HUB_LOGIN_LOCKOUT_MINUTES must be at least 1, not " + lockout);
        }
    }

    public static LockoutPolicy of(int maxFailures, int lockoutMinutes) {
        return new LockoutPolicy(maxFailures, Duration.ofMinutes(lockoutMinutes));
    }
}
