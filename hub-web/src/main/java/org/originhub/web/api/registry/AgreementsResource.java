package org.originhub.web.api.registry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.originhub.registry.agreements.boundary.AgreementView;
import org.originhub.registry.agreements.boundary.Agreements;
import org.originhub.hub.users.entity.Roles;

/** Agreements and their parties. */
@Path("admin/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgreementsResource {

    public record AgreementBody(String code, String name, LocalDate inForceFrom, LocalDate inForceUntil,
            List<String> parties) {
    }

    @Inject
    Agreements agreements;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<AgreementView> list() {
        return agreements.list();
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public AgreementView find(@PathParam("code") String code) {
        return agreements.find(code);
    }

    @POST
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response create(AgreementBody body) {
        AgreementBody b = body == null ? new AgreementBody(null, null, null, null, null) : body;
        AgreementView created = agreements.create(Callers.actor(security), b.code(), b.name(), b.inForceFrom(),
                b.inForceUntil(), b.parties());
        return Response.created(URI.create("admin/agreements/" + created.code())).entity(created).build();
    }

    @PUT
    @Path("{code}")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public AgreementView change(@PathParam("code") String code, AgreementBody body) {
        AgreementBody b = body == null ? new AgreementBody(null, null, null, null, null) : body;
        return agreements.change(Callers.actor(security), code, b.name(), b.inForceFrom(), b.inForceUntil(),
                b.parties());
    }
}
