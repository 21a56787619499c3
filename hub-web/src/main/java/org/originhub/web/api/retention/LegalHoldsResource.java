package org.originhub.web.api.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.originhub.hub.retention.boundary.InvalidHoldException;
import org.originhub.hub.retention.boundary.LegalHoldView;
import org.originhub.hub.retention.boundary.LegalHolds;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Roles;

/**
 * Legal holds: while one is in force, the retention purge keeps the payloads it covers. The secretariat places them
 * ({@code {"issuer":"KE","coNumber":"KE-2026-0001","reason":"..."}} for a CO, {@code {"trackingNumber":"OH-...",
 * "reason":"..."}} for one exchange) and lifts them ({@code DELETE {id}?reason=...}; the hold is kept, lifted);
 * auditors read them.
 */
@Path("admin/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
public class LegalHoldsResource {

    public record HoldRequest(String issuer, String coNumber, String trackingNumber, String reason) {
    }

    @Inject
    LegalHolds holds;

    @Inject
    Users users;

    /** The holds in force, newest first; {@code ?all=true} for lifted ones too. */
    @GET
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.AUDITOR})
    public List<LegalHoldView> list(@QueryParam("all") @DefaultValue("false") boolean all) {
        return holds.list(users.caller(), all);
    }

    /** 201 with the hold, how many stored messages it covers and how many of those had lost their payload already. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response place(HoldRequest body) {
        HoldRequest b = body == null ? new HoldRequest(null, null, null, null) : body;
        boolean onCo = b.issuer() != null || b.coNumber() != null;
        if (onCo == (b.trackingNumber() != null)) {
            throw new InvalidHoldException("A hold covers either a CO (issuer and coNumber) or one exchange "
                    + "(trackingNumber)");
        }
        LegalHoldView placed = onCo ? holds.placeOnCo(users.caller(), b.issuer(), b.coNumber(), b.reason())
                : holds.placeOnExchange(users.caller(), b.trackingNumber(), b.reason());
        return Response.created(URI.create("admin/legal-holds/" + placed.id())).entity(placed).build();
    }

    /** Lifts the hold (it stays listed with {@code ?all=true}); the reason is required. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public LegalHoldView lift(@PathParam("id") long id, @QueryParam("reason") String reason) {
        return holds.lift(users.caller(), id, reason);
    }
}
