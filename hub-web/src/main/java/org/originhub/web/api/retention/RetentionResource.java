package org.originhub.web.api.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.originhub.hub.retention.boundary.PurgeReport;
import org.originhub.hub.retention.boundary.Retention;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Roles;

/** The payload retention purge, on the secretariat's request (it also runs daily): what it purged and what it kept. */
@Path("admin/retention")
public class RetentionResource {

    @Inject
    Retention retention;

    @Inject
    Users users;

    @POST
    @Path("purge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public PurgeReport purge() {
        return retention.purgeNow(users.caller());
    }
}
