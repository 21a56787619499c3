package org.originhub.web.api.registry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.originhub.registry.authorities.boundary.Authorities;
import org.originhub.registry.authorities.boundary.AuthorityView;
import org.originhub.registry.authorities.boundary.SignerVerdict;
import org.originhub.registry.authorities.boundary.SignerView;
import org.originhub.hub.users.entity.Roles;

/** Issuing authorities, their authorised signers, and the signer check. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthoritiesResource {

    public record NewAuthority(String memberCode, String name, Instant validFrom, Instant validUntil) {
    }

    public record NewSigner(String name, String certificate, Instant validFrom, Instant validUntil,
            List<String> agreements) {
    }

    public record Reason(String reason) {
    }

    @Inject
    Authorities authorities;

    @Context
    SecurityContext security;

    @GET
    @Path("authorities")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<AuthorityView> list(@QueryParam("member") String member) {
        return authorities.authorities(member);
    }

    @POST
    @Path("authorities")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response register(NewAuthority body) {
        NewAuthority b = body == null ? new NewAuthority(null, null, null, null) : body;
        return Response.status(Response.Status.CREATED).entity(authorities.registerAuthority(
                Callers.actor(security), b.memberCode(), b.name(), b.validFrom(), b.validUntil())).build();
    }

    @POST
    @Path("authorities/{id}/revoke")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public AuthorityView revoke(@PathParam("id") Long id, Reason body) {
        return authorities.revokeAuthority(Callers.actor(security), id, body == null ? null : body.reason());
    }

    @GET
    @Path("signers")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<SignerView> signers(@QueryParam("member") String member) {
        return authorities.signers(member);
    }

    @POST
    @Path("authorities/{id}/signers")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response registerSigner(@PathParam("id") Long authorityId, NewSigner body) {
        NewSigner b = body == null ? new NewSigner(null, null, null, null, null) : body;
        return Response.status(Response.Status.CREATED).entity(authorities.registerSigner(Callers.actor(security),
                authorityId, b.name(), CertificateText.bytes(b.certificate(), "signer certificate"), b.validFrom(),
                b.validUntil(), b.agreements())).build();
    }

    @POST
    @Path("signers/{fingerprint}/revoke")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public SignerView revokeSigner(@PathParam("fingerprint") String fingerprint, Reason body) {
        return authorities.revokeSigner(Callers.actor(security), fingerprint, body == null ? null : body.reason());
    }

    /** The same check gateways make with the SOAP CheckSigner operation. */
    @GET
    @Path("signers/{fingerprint}/check")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public SignerVerdict check(@PathParam("fingerprint") String fingerprint, @QueryParam("member") String member,
            @QueryParam("agreement") String agreement, @QueryParam("at") String at) {
        return authorities.checkSigner(fingerprint, member, agreement, instant(at));
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.originhub.registry.errors.InvalidInputException("InvalidTime", "'at' is an ISO-8601 UTC "
                    + "time such as 2026-11-25T10:00:00Z, not '" + text + "'");
        }
    }
}
