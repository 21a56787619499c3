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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.originhub.registry.certificates.boundary.CrlView;
import org.originhub.registry.certificates.boundary.TrustAnchorView;
import org.originhub.registry.certificates.boundary.TrustAnchors;
import org.originhub.hub.users.entity.Roles;

/** Trust anchors (CA certificates) and their CRLs: secretariat administrators only change them. */
@Path("admin/trust-anchors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrustAnchorsResource {

    public record NewAnchor(String name, String certificate) {
    }

    public record Crl(String crl) {
    }

    public record Reason(String reason) {
    }

    @Inject
    TrustAnchors anchors;

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<TrustAnchorView> list() {
        return anchors.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public TrustAnchorView find(@PathParam("id") Long id) {
        return anchors.find(id);
    }

    @POST
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response importAnchor(NewAnchor body) {
        TrustAnchorView created = anchors.importAnchor(Callers.actor(security), body == null ? null : body.name(),
                CertificateText.bytes(body == null ? null : body.certificate(), "CA certificate"));
        return Response.created(URI.create("admin/trust-anchors/" + created.id())).entity(created).build();
    }

    @POST
    @Path("{id}/crls")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public CrlView importCrl(@PathParam("id") Long id, Crl body) {
        return anchors.importCrl(Callers.actor(security), id, CertificateText.bytes(body == null ? null : body.crl(),
                "CRL"));
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public TrustAnchorView retire(@PathParam("id") Long id, Reason body) {
        return anchors.retire(Callers.actor(security), id, body == null ? null : body.reason());
    }
}
