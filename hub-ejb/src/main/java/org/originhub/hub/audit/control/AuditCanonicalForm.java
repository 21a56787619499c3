package org.originhub.hub.audit.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.originhub.hub.audit.entity.AuditEntry;

/**
 * The documented canonical form of an audit record, and its hash.
 *
 * <p>Canonical form: one line per field, in this order: seq, recorded_at, actor_kind, actor, actor_member, action,
 * outcome, object_type, object_id, tracking_number, co_number, sender_member, recipient_member, detail, prev_hash.
 * Each line is {@code name=LENGTH:VALUE\n}, where LENGTH is the number of UTF-8 bytes of VALUE; a null field is
 * {@code name=-\n}. recorded_at is ISO-8601 UTC with exactly six fraction digits ({@code 2026-11-25T09:30:00.123456Z}).
 * The length prefix makes the form unambiguous whatever the values contain.
 *
 * <p>hash = lowercase hex SHA-256 of the UTF-8 canonical form (which ends with the previous record's hash). The first
 * record's previous hash is 64 zeros.
 */
public final class AuditCanonicalForm {

    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditCanonicalForm() {
    }

    public static String canonical(long seq, Instant recordedAt, AuditEntry e, String prevHash) {
        StringBuilder out = new StringBuilder(512);
        field(out, "seq", Long.toString(seq));
        field(out, "recorded_at", formatTime(recordedAt));
        field(out, "actor_kind", e.actorKind());
        field(out, "actor", e.actor());
        field(out, "actor_member", e.actorMember());
        field(out, "action", e.action());
        field(out, "outcome", e.outcome().name());
        field(out, "object_type", e.objectType());
        field(out, "object_id", e.objectId());
        field(out, "tracking_number", e.trackingNumber());
        field(out, "co_number", e.coNumber());
        field(out, "sender_member", e.senderMember());
        field(out, "recipient_member", e.recipientMember());
        field(out, "detail", e.detail());
        field(out, "prev_hash", prevHash);
        return out.toString();
    }

    public static String hash(long seq, Instant recordedAt, AuditEntry entry, String prevHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(seq, recordedAt, entry, prevHash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** recorded_at as the canonical form writes it: ISO-8601 UTC with exactly six fraction digits. */
    public static String formatTime(Instant recordedAt) {
        return MICROS.format(recordedAt);
    }

    /** The database keeps microseconds: times are truncated before hashing so a re-read record hashes the same. */
    public static Instant truncate(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append('=');
        if (value == null) {
            out.append('-');
        } else {
            out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
        }
        out.append('\n');
    }
}
