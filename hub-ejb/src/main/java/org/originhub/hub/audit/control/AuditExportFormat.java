package org.originhub.hub.audit.control;

import java.util.Base64;
import java.util.Locale;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditRecord;

/**
 * The two export formats. Both carry every field of the canonical form plus {@code hash}, under the canonical field
 * names, in the canonical order: {@code seq, recorded_at, actor_kind, actor, actor_member, action, outcome,
 * object_type, object_id, tracking_number, co_number, sender_member, recipient_member, detail, prev_hash, hash}.
 *
 * <ul>
 * <li>{@link #JSONL}: one JSON object per line (UTF-8, {@code \n}); seq is a number, a null field is JSON null. An
 * unfiltered export also carries the signed checkpoints ({@link #checkpointLine}) and verifies offline, checkpoints
 * included (hub-web/src/audit/java/AuditVerify.java); a filtered one still proves each record's own hash, and its
 * links where records are consecutive.</li>
 * <li>{@link #CSV}: RFC 4180 (a header row, CRLF line ends, fields with a comma, quote, CR or LF in double quotes,
 * quotes doubled); a null field is empty. A value that begins with {@code = + - @} (or a tab or CR) is written with a
 * leading {@code '} so that a spreadsheet shows it as text instead of running it as a formula (CSV injection). That
 * changes the value, so the CSV is for reading; the JSON lines are the ones to verify.</li>
 * </ul>
 */
public enum AuditExportFormat {
    JSONL("application/x-ndjson", "jsonl"), CSV("text/csv", "csv");

    public static final String[] COLUMNS = {"seq", "recorded_at", "actor_kind", "actor", "actor_member", "action",
        "outcome", "object_type", "object_id", "tracking_number", "co_number", "sender_member", "recipient_member",
        "detail", "prev_hash", "hash"};

    /** The fields of a checkpoint line in a JSON-lines export, in order. */
    public static final String[] CHECKPOINT_COLUMNS = {"checkpoint_seq", "hash", "created_at", "signature_algorithm",
        "signature", "signer_fingerprint", "signer_certificate"};

    private final String mediaType;
    private final String extension;

    AuditExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code jsonl} or {@code csv}, any case; null if neither. */
    public static AuditExportFormat parse(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> JSONL;
            case "csv" -> CSV;
            default -> null;
        };
    }

    /** What precedes the first record: the CSV header row, nothing for JSON lines. */
    public String header() {
        return this == CSV ? String.join(",", COLUMNS) + "\r\n" : "";
    }

    /** One record, with its line end. */
    public String line(AuditRecord record) {
        String[] values = values(record);
        StringBuilder out = new StringBuilder(640);
        if (this == JSONL) {
            out.append('{');
            for (int i = 0; i < COLUMNS.length; i++) {
                out.append(i == 0 ? "" : ",").append('"').append(COLUMNS[i]).append("\":");
                if (i == 0) {
                    out.append(values[0]);
                } else {
                    json(out, values[i]);
                }
            }
            return out.append("}\n").toString();
        }
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",");
            csv(out, values[i]);
        }
        return out.append("\r\n").toString();
    }

    /**
     * One signed checkpoint, with its line end, for JSON lines only (the CSV is for reading and carries none):
     * {@code {"checkpoint_seq":N,"hash":..,"created_at":..,"signature_algorithm":..,"signature":BASE64,
     * "signer_fingerprint":..,"signer_certificate":BASE64 DER}}. It follows the record it names. The first key tells
     * it from a record line, whose first key is {@code seq}.
     */
    public String checkpointLine(AuditCheckpoint c) {
        if (this != JSONL) {
            return "";
        }
        Base64.Encoder base64 = Base64.getEncoder();
        String[] names = CHECKPOINT_COLUMNS;
        String[] values = {AuditCanonicalForm.formatTime(c.createdAt()), c.signatureAlgorithm(),
            base64.encodeToString(c.signature()), c.signerFingerprint(), base64.encodeToString(c.signerCertificate())};
        StringBuilder out = new StringBuilder(2048).append("{\"").append(names[0]).append("\":").append(c.seq())
                .append(",\"").append(names[1]).append("\":");
        json(out, c.headHash());
        for (int i = 0; i < values.length; i++) {
            out.append(",\"").append(names[i + 2]).append("\":");
            json(out, values[i]);
        }
        return out.append("}\n").toString();
    }

    private static String[] values(AuditRecord r) {
        AuditEntry e = r.entry();
        return new String[] {Long.toString(r.seq()), AuditCanonicalForm.formatTime(r.recordedAt()), e.actorKind(),
            e.actor(), e.actorMember(), e.action(), e.outcome().name(), e.objectType(), e.objectId(),
            e.trackingNumber(), e.coNumber(), e.senderMember(), e.recipientMember(), e.detail(), r.prevHash(),
            r.hash()};
    }

    /** Appends {@code value} as a JSON string (or {@code null}); shared with the message log's export. */
    public static void json(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Appends {@code value} as an RFC 4180 field, guarded against CSV injection; shared with the message log. */
    public static void csv(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            out.append('"').append(safe.replace("\"", "\"\"")).append('"');
        } else {
            out.append(safe);
        }
    }
}
