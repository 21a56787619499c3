package org.originhub.web.api.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditPage;
import org.originhub.hub.audit.boundary.CheckpointPage;
import org.originhub.hub.audit.boundary.CheckpointView;
import org.originhub.hub.audit.boundary.Checkpoints;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.ChainVerification;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Roles;

/**
 * The read-only audit API. Filters (all optional): {@code from}, {@code to} (ISO-8601 instants, from inclusive, to
 * exclusive), {@code member} (actor member, sender or recipient), {@code counterpart} (only with {@code member}: a
 * second member state the record concerns, so the records between the two), {@code action}, {@code outcome},
 * {@code actor}, {@code trackingNumber}, {@code coNumber}. A member auditor's member filter is forced to its own member
 * state, or turned round when it names that state as the counterpart ({@link AuditLog} decides, and records every
 * query and export).
 */
@Path("audit")
public class AuditResource {

    @Inject
    AuditLog log;

    @Inject
    Checkpoints checkpoints;

    @Inject
    Users users;

    /** {@code {records, next}}: pass {@code next} as {@code after} for the following page; null on the last. */
    @GET
    @Path("records")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
    public AuditPage records(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("member") String member, @QueryParam("counterpart") String counterpart,
            @QueryParam("action") String action, @QueryParam("outcome") String outcome,
            @QueryParam("actor") String actor, @QueryParam("trackingNumber") String trackingNumber,
            @QueryParam("coNumber") String coNumber, @QueryParam("after") Long after,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("order") @DefaultValue("newest") String order) {
        return log.search(users.caller(), filter(from, to, member, counterpart, action, outcome, actor, trackingNumber,
                coNumber), after, limit, newestFirst(order));
    }

    /** Every matching record, oldest first, streamed as JSON lines (the verifiable form) or CSV. */
    @GET
    @Path("export")
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
    public Response export(@QueryParam("format") @DefaultValue("jsonl") String formatName,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("member") String member,
            @QueryParam("counterpart") String counterpart, @QueryParam("action") String action,
            @QueryParam("outcome") String outcome, @QueryParam("actor") String actor,
            @QueryParam("trackingNumber") String trackingNumber,
            @QueryParam("coNumber") String coNumber) {
        AuditExportFormat format = AuditExportFormat.parse(formatName);
        if (format == null) {
            throw new InvalidAuditQueryException("format is jsonl or csv");
        }
        AuthenticatedUser caller = users.caller();
        // Refused before the first byte, so a refusal is a 403 rather than a broken 200.
        AuditFilter effective = log.authorize(caller,
                filter(from, to, member, counterpart, action, outcome, actor, trackingNumber, coNumber),
                "AUDIT_EXPORTED");
        StreamingOutput body = out -> log.export(caller, effective, format,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
        String name = "audit-" + Instant.now().toString().replace(":", "") + "." + format.extension();
        return Response.ok(body, format.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /**
     * Recomputes the whole chain in the database and checks every signed checkpoint: {@code intact}, the head, the
     * number of valid checkpoints, or the first broken sequence number (and the bad checkpoint, when that is what
     * failed). The verification is recorded (AUDIT_VERIFIED), so the console shows when the chain was last checked.
     */
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.AUDITOR})
    public ChainVerification verify() {
        return log.verify(users.caller());
    }

    /**
     * The signed checkpoints, newest first ({@code {checkpoints, next}}; pass {@code next} as {@code after} for the
     * following page). A checkpoint names no member state, so member auditors read them all.
     */
    @GET
    @Path("checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
    public CheckpointPage checkpoints(@QueryParam("after") Long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return checkpoints.list(users.caller(), after, limit);
    }

    /** Signs the chain head now, whatever the period: 201 with the new checkpoint. */
    @POST
    @Path("checkpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public Response takeCheckpoint() {
        CheckpointView taken = checkpoints.checkpointNow(users.caller());
        return Response.status(Response.Status.CREATED).entity(taken).build();
    }

    /** The query parameters as a filter, each to its own criterion (blank is absent). */
    static AuditFilter filter(String from, String to, String member, String counterpart, String action,
            String outcome, String actor, String trackingNumber, String coNumber) {
        return new AuditFilter(instant("from", from), instant("to", to), blankToNull(member), blankToNull(counterpart),
                blankToNull(action), outcome(outcome), blankToNull(actor), blankToNull(trackingNumber),
                blankToNull(coNumber));
    }

    static boolean newestFirst(String order) {
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "newest" -> true;
            case "oldest" -> false;
            default -> throw new InvalidAuditQueryException("order is newest or oldest");
        };
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidAuditQueryException(name + " must be an ISO-8601 instant such as 2026-11-25T09:30:00Z");
        }
    }

    private static Outcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditQueryException("outcome is SUCCESS, REJECTED or FAILED");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
