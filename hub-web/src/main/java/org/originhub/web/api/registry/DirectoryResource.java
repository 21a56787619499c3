package org.originhub.web.api.registry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.originhub.hub.alerts.boundary.AlertView;
import org.originhub.hub.alerts.boundary.Alerts;
import org.originhub.registry.directory.boundary.Directory;
import org.originhub.registry.directory.boundary.DirectorySnapshot;
import org.originhub.hub.users.entity.Roles;

/** The directory snapshot as gateways receive it, and the open alerts. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    @Inject
    Directory directory;

    @Inject
    Alerts alerts;

    @Context
    SecurityContext security;

    @GET
    @Path("directory")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public DirectorySnapshot directory() {
        return directory.snapshot();
    }

    @GET
    @Path("alerts")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<AlertView> alerts() {
        return alerts.open();
    }

    @POST
    @Path("alerts/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public AlertView acknowledge(@PathParam("id") Long id) {
        return alerts.acknowledge(id, security.getUserPrincipal().getName());
    }
}
