package org.originhub.web.api.registry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.RequestKind;
import org.originhub.registry.requests.entity.RequestStatus;
import org.originhub.hub.users.entity.Roles;
import org.originhub.web.security.RequestDecisions;

/**
 * The registration request queue. Operators decide routine requests (certificate rotations, endpoint changes);
 * registering a new gateway or a first certificate is for secretariat administrators.
 */
@Path("admin/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RequestsResource {

    public record Decision(String reason) {
    }

    @Inject
    RegistrationRequests requests;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<RequestView> list(@QueryParam("status") String status) {
        return requests.list(status(status));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public RequestView find(@PathParam("id") Long id) {
        return requests.find(id);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public RequestView approve(@PathParam("id") Long id, Decision body) {
        requireMayDecide(id);
        return requests.approve(Callers.actor(security), id, body == null ? null : body.reason());
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public RequestView reject(@PathParam("id") Long id, Decision body) {
        requireMayDecide(id);
        return requests.reject(Callers.actor(security), id, body == null ? null : body.reason());
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public RequestView cancel(@PathParam("id") Long id) {
        return requests.cancel(Callers.actor(security), id);
    }

    private void requireMayDecide(Long id) {
        RequestKind kind = requests.find(id).kind();
        if (!RequestDecisions.mayDecide(kind, security.isUserInRole(Roles.SECRETARIAT_ADMIN))) {
            throw new ForbiddenException("Only a secretariat administrator decides " + kind + " requests");
        }
    }

    private static RequestStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return RequestStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("InvalidStatus", "status is one of SUBMITTED, APPROVED, REJECTED, "
                    + "CANCELLED, not '" + text + "'");
        }
    }
}
