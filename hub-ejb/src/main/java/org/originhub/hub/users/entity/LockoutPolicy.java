package org.originhub.hub.users.entity;

import java.time.Duration;

/**
 * How many consecutive failed logins lock an account, and for how long
 * ({@code HUB_LOGIN_MAX_FAILURES}, {@code HUB_LOGIN_LOCKOUT_MINUTES}). Zero failures means accounts never lock: the
 * default, since anyone who knows a username could otherwise lock its owner out (the administrator included); the
 * web edge throttles failed logins per source address instead.
 */
public record LockoutPolicy(int maxFailures, Duration lockout) {

    public LockoutPolicy {
        if (maxFailures < 0) {
            throw new IllegalArgumentException("HUB_LOGIN_MAX_FAILURES must be 0 (never lock) or more, not "
                    + maxFailures);
        }
        if (lockout == null || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("HUB_LOGIN_LOCKOUT_MINUTES must be at least 1, not " + lockout);
        }
    }

    /** Whether failed logins lock an account at all. */
    public boolean locks() {
        return maxFailures > 0;
    }

    public static LockoutPolicy of(int maxFailures, int lockoutMinutes) {
        return new LockoutPolicy(maxFailures, Duration.ofMinutes(lockoutMinutes));
    }
}
