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
import java.net.URI;
import java.util.List;
import org.originhub.registry.gateways.boundary.CertificateView;
import org.originhub.registry.gateways.boundary.GatewayView;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.SubmissionChannel;
import org.originhub.hub.users.entity.Roles;

/**
 * Gateways: registering one, a new certificate or an endpoint change creates a registration request (approved under
 * {@code /api/admin/requests}); suspension, reactivation, revocation and activating a staged certificate act at once.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GatewaysResource {

    public record GatewayRegistration(String memberCode, String name, DeliveryMode deliveryMode, String endpointUrl,
            List<String> permissions, String certificate, String comment) {
    }

    public record NewCertificate(String certificate, String comment) {
    }

    public record EndpointChange(DeliveryMode deliveryMode, String endpointUrl, String comment) {
    }

    public record Reason(String reason) {
    }

    @Inject
    Gateways gateways;

    @Inject
    RegistrationRequests requests;

    @Context
    SecurityContext security;

    @GET
    @Path("gateways")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<GatewayView> list(@QueryParam("member") String member) {
        return gateways.list(member);
    }

    @GET
    @Path("gateways/{id}")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public GatewayView find(@PathParam("id") Long id) {
        return gateways.find(id);
    }

    /** Creates a GATEWAY_REGISTRATION request. */
    @POST
    @Path("gateways")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public Response register(GatewayRegistration body) {
        GatewayRegistration b = body == null
                ? new GatewayRegistration(null, null, null, null, null, null, null) : body;
        RequestView request = requests.submitGatewayRegistration(Callers.actor(security), SubmissionChannel.API,
                b.memberCode(), b.name(), b.deliveryMode(), b.endpointUrl(), b.permissions(),
                CertificateText.bytes(b.certificate(), "gateway certificate"), b.comment());
        return Response.accepted(request).location(URI.create("admin/requests/" + request.id())).build();
    }

    @GET
    @Path("gateways/{id}/certificates")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<CertificateView> certificates(@PathParam("id") Long id) {
        return gateways.certificates(id);
    }

    /** Creates a CERTIFICATE_REGISTRATION (no active certificate) or CERTIFICATE_ROTATION request. */
    @POST
    @Path("gateways/{id}/certificates")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public Response newCertificate(@PathParam("id") Long id, NewCertificate body) {
        RequestView request = requests.submitCertificate(Callers.actor(security), SubmissionChannel.API, id,
                CertificateText.bytes(body == null ? null : body.certificate(), "gateway certificate"),
                body == null ? null : body.comment(), false);
        return Response.accepted(request).location(URI.create("admin/requests/" + request.id())).build();
    }

    @POST
    @Path("gateways/{id}/activate-staged-certificate")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public CertificateView activateStaged(@PathParam("id") Long id) {
        return gateways.activateStaged(Callers.actor(security), id);
    }

    /** Creates an ENDPOINT_CHANGE request. */
    @POST
    @Path("gateways/{id}/endpoint")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public Response changeEndpoint(@PathParam("id") Long id, EndpointChange body) {
        EndpointChange b = body == null ? new EndpointChange(null, null, null) : body;
        RequestView request = requests.submitEndpointChange(Callers.actor(security), SubmissionChannel.API, id,
                b.deliveryMode(), b.endpointUrl(), b.comment());
        return Response.accepted(request).location(URI.create("admin/requests/" + request.id())).build();
    }

    @POST
    @Path("gateways/{id}/suspend")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public GatewayView suspend(@PathParam("id") Long id, Reason body) {
        return gateways.suspend(Callers.actor(security), id, body == null ? null : body.reason());
    }

    @POST
    @Path("gateways/{id}/reactivate")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public GatewayView reactivate(@PathParam("id") Long id, Reason body) {
        return gateways.reactivate(Callers.actor(security), id, body == null ? null : body.reason());
    }

    @GET
    @Path("certificates/{fingerprint}")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public CertificateView certificate(@PathParam("fingerprint") String fingerprint) {
        return gateways.certificate(fingerprint);
    }

    /** Takes effect for the very next message signed with it. */
    @POST
    @Path("certificates/{fingerprint}/revoke")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR})
    public CertificateView revoke(@PathParam("fingerprint") String fingerprint, Reason body) {
        return gateways.revokeCertificate(Callers.actor(security), fingerprint, body == null ? null : body.reason());
    }
}
