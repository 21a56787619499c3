package org.originhub.hub.users.entity;

/** Whether an account may sign in at all. A lockout after failed logins is separate and expires by itself. */
public enum AccountStatus {
    ACTIVE,
    DISABLED
}
