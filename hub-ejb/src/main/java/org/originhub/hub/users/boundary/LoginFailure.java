package org.originhub.hub.users.boundary;

/** Why a login failed, as the audit log records it (the caller only ever sees the exception's message). */
public enum LoginFailure {
    UNKNOWN_USER,
    WRONG_PASSWORD,
    ACCOUNT_LOCKED,
    ACCOUNT_DISABLED
}
