package org.originhub.web.api.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.originhub.hub.messagelog.boundary.CoLifecycleView;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Roles;

/** A CO's life cycle for auditors: its document status with every change, and every message about it. */
@Path("audit/cos")
public class CoLifecycleResource {

    @Inject
    MessageLog log;

    @Inject
    Users users;

    /** {@code issuer} is the issuing member state; the CO number may contain slashes. */
    @GET
    @Path("{issuer}/{coNumber: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
    public CoLifecycleView co(@PathParam("issuer") String issuer, @PathParam("coNumber") String coNumber) {
        return log.co(users.caller(), issuer, coNumber);
    }
}
