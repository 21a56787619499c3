package org.originhub.web.api.registry;

import jakarta.ws.rs.core.SecurityContext;
import org.originhub.registry.events.Actor;

/** The authenticated API caller as a registry actor. */
final class Callers {

    private Callers() {
    }

    static Actor actor(SecurityContext security) {
        return Actor.user(security.getUserPrincipal().getName());
    }
}
