package org.originhub.hub.users.boundary;

import java.time.Instant;
import org.originhub.hub.users.entity.Role;

/**
 * Something security-relevant happened to a hub user. Fired synchronously by the users boundaries inside their
 * transaction, so an observer (the audit log) records it only if it commits, and nothing commits unrecorded. A failed
 * login commits too (see {@link LoginRefusedException}). No event ever carries a password or a hash.
 *
 * <p>Observe one type ({@code @Observes LoginFailed}) or all of them ({@code @Observes UserEvent}).
 * {@code by} is the username of the administrator (or the user) who acted, or {@code "system"}.
 */
public sealed interface UserEvent {

    String username();

    Instant at();

    record UserCreated(String username, Role role, String memberCode, String by, Instant at) implements UserEvent {
    }

    record RoleChanged(String username, Role previousRole, String previousMemberCode, Role role, String memberCode,
            String by, Instant at) implements UserEvent {
    }

    record PasswordChanged(String username, String by, Instant at) implements UserEvent {
    }

    record LoginSucceeded(String username, Instant at) implements UserEvent {
    }

    /** {@code username} is what the caller sent (shortened, control characters replaced) when no such user exists. */
    record LoginFailed(String username, LoginFailure reason, Instant at) implements UserEvent {
    }

    record AccountLocked(String username, int failedLogins, Instant lockedUntil, Instant at) implements UserEvent {
    }

    record UserDisabled(String username, String by, Instant at) implements UserEvent {
    }

    /** Enabling also lifts a lockout. */
    record UserEnabled(String username, String by, Instant at) implements UserEvent {
    }
}
