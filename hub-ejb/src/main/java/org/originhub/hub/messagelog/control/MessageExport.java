package org.originhub.hub.messagelog.control;

import java.time.Instant;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.control.AuditExportFormat;

/**
 * The message log's export lines, in the audit export's two formats ({@link AuditExportFormat}: JSON lines, or CSV
 * with a header row and the same guard against spreadsheet formulas). One line per envelope, oldest first, under
 * {@link #COLUMNS}; times in UTC with six fraction digits. {@code received_record_seq} and
 * {@code received_record_hash} name the DOCUMENT_RECEIVED record of the envelope in the audit chain, so that a row
 * can be matched against a verified audit export.
 */
public final class MessageExport {

    public static final String[] COLUMNS = {"tracking_number", "received_at", "sender_member", "recipient_member",
        "agreement_code", "document_type", "document_function", "issuer_member", "co_number", "replaced_co_number",
        "sender_message_id", "response_kind", "verification_result", "media_type", "payload_sha256", "payload_size",
        "payload_purged_at", "delivery_status", "delivery_mode", "attempts", "last_attempt_at", "acknowledgement",
        "acknowledged_at", "failed_at", "received_record_seq", "received_record_hash"};
    /** Columns written as JSON numbers. */
    private static final java.util.Set<String> NUMBERS = java.util.Set.of("payload_size", "attempts",
            "received_record_seq");

    private MessageExport() {
    }

    public static String header(AuditExportFormat format) {
        return format == AuditExportFormat.CSV ? String.join(",", COLUMNS) + "\r\n" : "";
    }

    /** One envelope; {@code values} in the order of {@link #COLUMNS} (Instants, numbers, enums or text; null allowed). */
    public static String line(AuditExportFormat format, Object... values) {
        if (values.length != COLUMNS.length) {
            throw new IllegalArgumentException(COLUMNS.length + " values expected, not " + values.length);
        }
        StringBuilder out = new StringBuilder(768);
        if (format == AuditExportFormat.JSONL) {
            out.append('{');
            for (int i = 0; i < COLUMNS.length; i++) {
                out.append(i == 0 ? "" : ",").append('"').append(COLUMNS[i]).append("\":");
                String text = text(values[i]);
                if (text != null && NUMBERS.contains(COLUMNS[i])) {
                    out.append(text);
                } else {
                    AuditExportFormat.json(out, text);
                }
            }
            return out.append("}\n").toString();
        }
        for (int i = 0; i < COLUMNS.length; i++) {
            out.append(i == 0 ? "" : ",");
            AuditExportFormat.csv(out, text(values[i]));
        }
        return out.append("\r\n").toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return AuditCanonicalForm.formatTime(instant);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value.toString();
    }
}
