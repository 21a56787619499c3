package org.originhub.web.api.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.messagelog.boundary.MessageDetail;
import org.originhub.hub.messagelog.boundary.MessageFilter;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.messagelog.boundary.MessagePage;
import org.originhub.hub.messagelog.boundary.PayloadDownload;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Roles;

/**
 * The auditors' message log: envelopes with filters (all optional) {@code from}, {@code to} (ISO-8601 instants, on
 * the time received; from inclusive, to exclusive), {@code member} (sender or recipient), {@code counterpart} (with
 * member: the other party), {@code sender}, {@code recipient} (one side each), {@code coNumber},
 * {@code trackingNumber}, {@code documentType}, {@code status} (delivery status); one exchange in detail; its payload; exports. {@link MessageLog} scopes member auditors to their member
 * state and records every call. Operators have no access.
 */
@Path("audit/messages")
@RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
public class MessagesResource {

    @Inject
    MessageLog log;

    @Inject
    Users users;

    /**
     * {@code {messages, next, before}}: pass {@code next} as {@code after} for the following page (absent on the
     * last); {@code before} as {@code after} with the other order reads the envelopes before the page.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MessagePage list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("member") String member, @QueryParam("counterpart") String counterpart,
            @QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
            @QueryParam("coNumber") String coNumber, @QueryParam("trackingNumber") String trackingNumber,
            @QueryParam("documentType") String documentType, @QueryParam("status") String status,
            @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("order") @DefaultValue("newest") String order) {
        return log.search(users.caller(), filter(from, to, member, counterpart, sender, recipient, coNumber,
                trackingNumber, documentType, status), after, limit, AuditResource.newestFirst(order));
    }

    /** Every matching envelope, oldest first, as JSON lines or CSV. */
    @GET
    @Path("export")
    public Response export(@QueryParam("format") @DefaultValue("jsonl") String formatName,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("member") String member,
            @QueryParam("counterpart") String counterpart, @QueryParam("sender") String sender,
            @QueryParam("recipient") String recipient, @QueryParam("coNumber") String coNumber,
            @QueryParam("trackingNumber") String trackingNumber, @QueryParam("documentType") String documentType,
            @QueryParam("status") String status) {
        AuditExportFormat format = AuditExportFormat.parse(formatName);
        if (format == null) {
            throw new InvalidAuditQueryException("format is jsonl or csv");
        }
        AuthenticatedUser caller = users.caller();
        // Refused before the first byte, so a refusal is a 403 rather than a broken 200.
        MessageFilter effective = log.authorize(caller, filter(from, to, member, counterpart, sender, recipient,
                coNumber, trackingNumber, documentType, status), "MESSAGE_LOG_EXPORTED");
        StreamingOutput body = out -> log.export(caller, effective, format,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
        String name = "messages-" + Instant.now().toString().replace(":", "") + "." + format.extension();
        return Response.ok(body, format.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /** The envelope, delivery history, acknowledgement, CO life cycle and audit records of one exchange. */
    @GET
    @Path("{trackingNumber}")
    @Produces(MediaType.APPLICATION_JSON)
    public MessageDetail detail(@PathParam("trackingNumber") String trackingNumber) {
        return log.detail(users.caller(), trackingNumber);
    }

    /**
     * The payload byte for byte as received, with its media type; {@code X-Payload-Sha256} carries its SHA-256 (hex,
     * as in the receipt). 410 when the retention policy purged it.
     */
    @GET
    @Path("{trackingNumber}/payload")
    public Response payload(@PathParam("trackingNumber") String trackingNumber) {
        PayloadDownload payload = log.payload(users.caller(), trackingNumber);
        String extension = payload.mediaType().toLowerCase(Locale.ROOT).endsWith("xml") ? ".xml" : ".bin";
        return Response.ok(payload.content(), payload.mediaType())
                .header("X-Payload-Sha256", payload.sha256())
                .header("Content-Disposition", "attachment; filename=\"" + payload.trackingNumber().replaceAll(
                        "[^A-Za-z0-9._-]", "_") + extension + "\"").build();
    }

    static MessageFilter filter(String from, String to, String member, String counterpart, String sender,
            String recipient, String coNumber, String trackingNumber, String documentType, String status) {
        return new MessageFilter(AuditResource.instant("from", from), AuditResource.instant("to", to),
                AuditResource.blankToNull(member), AuditResource.blankToNull(counterpart),
                AuditResource.blankToNull(sender), AuditResource.blankToNull(recipient),
                AuditResource.blankToNull(coNumber), AuditResource.blankToNull(trackingNumber),
                value(DocumentType.class, "documentType", documentType), value(DeliveryStatus.class, "status",
                        status));
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditQueryException(name + " is one of " + java.util.Arrays.toString(
                    type.getEnumConstants()));
        }
    }
}
