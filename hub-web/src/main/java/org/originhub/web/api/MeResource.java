package org.originhub.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Roles;

/** {@code GET /api/me}: who the caller is signed in as. */
@Path("me")
@RequestScoped
public class MeResource {

    @Inject
    Users users;

    /** The caller's username, role and member code (null unless a member auditor). */
    @JsonbNillable
    public record Me(String username, String role, String memberCode) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
    public Me me() {
        AuthenticatedUser caller = users.caller();
        return new Me(caller.username(), caller.role().name(), caller.memberCode());
    }
}
