package org.originhub.hub.users.boundary;

import org.originhub.hub.users.entity.Role;

/** Who signed in: the canonical username, the role, and for a member auditor the member state's code (else null). */
public record AuthenticatedUser(String username, Role role, String memberCode) {
}
