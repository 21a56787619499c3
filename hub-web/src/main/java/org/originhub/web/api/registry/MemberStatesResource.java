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
import java.time.Duration;
import java.util.List;
import org.originhub.registry.memberstates.boundary.MemberStateView;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.requests.boundary.IssuedOnboardingCode;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.hub.users.entity.Roles;

/** Member states: list, register, rename, suspend, reactivate, withdraw; onboarding codes for their gateways. */
@Path("admin/member-states")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberStatesResource {

    public record NewMemberState(String code, String name) {
    }

    public record Rename(String name) {
    }

    public record Reason(String reason) {
    }

    public record OnboardingCodeRequest(Integer validityDays) {
    }

    @Inject
    MemberStates memberStates;

    @Inject
    RegistrationRequests requests;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<MemberStateView> list() {
        return memberStates.list();
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public MemberStateView find(@PathParam("code") String code) {
        return memberStates.find(code);
    }

    @POST
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response register(NewMemberState body) {
        MemberStateView created = memberStates.register(Callers.actor(security), body == null ? null : body.code(),
                body == null ? null : body.name());
        return Response.created(URI.create("admin/member-states/" + created.code())).entity(created).build();
    }

    @PUT
    @Path("{code}")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public MemberStateView rename(@PathParam("code") String code, Rename body) {
        return memberStates.rename(Callers.actor(security), code, body == null ? null : body.name());
    }

    @POST
    @Path("{code}/suspend")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public MemberStateView suspend(@PathParam("code") String code, Reason body) {
        return memberStates.suspend(Callers.actor(security), code, reason(body));
    }

    @POST
    @Path("{code}/reactivate")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public MemberStateView reactivate(@PathParam("code") String code, Reason body) {
        return memberStates.reactivate(Callers.actor(security), code, reason(body));
    }

    @POST
    @Path("{code}/withdraw")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public MemberStateView withdraw(@PathParam("code") String code, Reason body) {
        return memberStates.withdraw(Callers.actor(security), code, reason(body));
    }

    /** The code is in this response only: the hub keeps its hash. */
    @POST
    @Path("{code}/onboarding-codes")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response onboardingCode(@PathParam("code") String code, OnboardingCodeRequest body) {
        Duration validity = body == null || body.validityDays() == null ? null
                : Duration.ofDays(body.validityDays());
        IssuedOnboardingCode issued = requests.issueOnboardingCode(Callers.actor(security), code, validity);
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    private static String reason(Reason body) {
        return body == null ? null : body.reason();
    }
}
