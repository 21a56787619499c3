package org.originhub.web.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.originhub.hub.users.entity.Roles;

/** The admin REST API at {@code /api}; resources and providers in the WAR are discovered by scanning. */
@ApplicationPath("api")
@DeclareRoles({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
public class HubApi extends Application {
}
