package org.originhub.hub.users.boundary;

import java.time.Instant;
import org.originhub.hub.users.entity.AccountStatus;
import org.originhub.hub.users.entity.HubUser;
import org.originhub.hub.users.entity.Role;

/** A user account as administrators see it; never the password hash. {@code lockedUntil} is null when not locked. */
public record UserSummary(String username, Role role, String memberCode, AccountStatus status,
        boolean mustChangePassword, int failedLogins, Instant lockedUntil, Instant passwordChangedAt,
        Instant createdAt, String createdBy) {

    static UserSummary of(HubUser user) {
        return new UserSummary(user.username(), user.role(), user.memberCode(), user.status(),
                user.mustChangePassword(), user.failedLogins(), user.lockedUntil(), user.passwordChangedAt(),
                user.createdAt(), user.createdBy());
    }
}
