package org.originhub.hub.audit.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
        return new Hasher().hash(seq, recordedAt, entry, prevHash);
    }

    /** recorded_at as the canonical form writes it: ISO-8601 UTC with exactly six fraction digits. */
    public static String formatTime(Instant recordedAt) {
        return MICROS.format(recordedAt);
    }

    /** The database keeps microseconds: times are truncated before hashing so a re-read record hashes the same. */
    public static Instant truncate(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * Hashes canonical forms one after another with one digest and one buffer: the bytes of {@link #canonical}, written
     * straight into the buffer rather than built as a string and encoded again, so that verifying millions of records
     * costs the digest and little else. Not thread-safe: one per thread.
     */
    public static final class Hasher {

        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private static final byte[][] NAMES = names("seq", "recorded_at", "actor_kind", "actor", "actor_member",
                "action", "outcome", "object_type", "object_id", "tracking_number", "co_number", "sender_member",
                "recipient_member", "detail", "prev_hash");

        private final MessageDigest sha256;
        private byte[] buffer = new byte[1024];
        private int length;

        public Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }

        /** The same as {@link AuditCanonicalForm#hash}. */
        public String hash(long seq, Instant recordedAt, AuditEntry entry, String prevHash) {
            byte[] digest = digest(seq, recordedAt, entry, prevHash);
            byte[] hex = new byte[64];
            for (int i = 0; i < 32; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(hex, StandardCharsets.US_ASCII);
        }

        /** Whether {@code expected} is the hash of this record (lowercase hex, as {@link #hash} writes it). */
        public boolean matches(long seq, Instant recordedAt, AuditEntry entry, String prevHash, String expected) {
            if (expected == null || expected.length() != 64) {
                return false;
            }
            byte[] digest = digest(seq, recordedAt, entry, prevHash);
            for (int i = 0; i < 32; i++) {
                if (expected.charAt(2 * i) != HEX[(digest[i] >> 4) & 0xf]
                        || expected.charAt(2 * i + 1) != HEX[digest[i] & 0xf]) {
                    return false;
                }
            }
            return true;
        }

        private byte[] digest(long seq, Instant recordedAt, AuditEntry e, String prevHash) {
            length = 0;
            name(0);
            String number = Long.toString(seq);
            decimal(number.length());
            put((byte) ':');
            ascii(number);
            put((byte) '\n');
            name(1);
            time(recordedAt);
            value(2, e.actorKind());
            value(3, e.actor());
            value(4, e.actorMember());
            value(5, e.action());
            value(6, e.outcome().name());
            value(7, e.objectType());
            value(8, e.objectId());
            value(9, e.trackingNumber());
            value(10, e.coNumber());
            value(11, e.senderMember());
            value(12, e.recipientMember());
            value(13, e.detail());
            value(14, prevHash);
            sha256.update(buffer, 0, length);
            return sha256.digest();
        }

        /** {@code name=} */
        private void name(int field) {
            byte[] name = NAMES[field];
            room(name.length);
            System.arraycopy(name, 0, buffer, length, name.length);
            length += name.length;
        }

        /** {@code name=LENGTH:VALUE\n}, or {@code name=-\n} for null. */
        private void value(int field, String value) {
            name(field);
            if (value == null) {
                put((byte) '-');
            } else if (isAscii(value)) {
                decimal(value.length());
                put((byte) ':');
                ascii(value);
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                decimal(utf8.length);
                put((byte) ':');
                room(utf8.length);
                System.arraycopy(utf8, 0, buffer, length, utf8.length);
                length += utf8.length;
            }
            put((byte) '\n');
        }

        /** recorded_at: 27 bytes for the years 0 to 9999 (a DATETIME holds 1000 to 9999), else the formatter's. */
        private void time(Instant at) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZoneOffset.UTC);
            int year = t.getYear();
            if (year < 0 || year > 9999) {
                String text = formatTime(at);
                decimal(text.length());
                put((byte) ':');
                ascii(text);
                put((byte) '\n');
                return;
            }
            room(32);
            byte[] b = buffer;
            int i = length;
            b[i++] = '2';
            b[i++] = '7';
            b[i++] = ':';
            i = digits(b, i, year, 4);
            b[i++] = '-';
            i = digits(b, i, t.getMonthValue(), 2);
            b[i++] = '-';
            i = digits(b, i, t.getDayOfMonth(), 2);
            b[i++] = 'T';
            i = digits(b, i, t.getHour(), 2);
            b[i++] = ':';
            i = digits(b, i, t.getMinute(), 2);
            b[i++] = ':';
            i = digits(b, i, t.getSecond(), 2);
            b[i++] = '.';
            i = digits(b, i, t.getNano() / 1000, 6);
            b[i++] = 'Z';
            b[i++] = '\n';
            length = i;
        }

        private static int digits(byte[] b, int at, int value, int width) {
            for (int k = at + width - 1; k >= at; k--) {
                b[k] = (byte) ('0' + value % 10);
                value /= 10;
            }
            return at + width;
        }

        private void decimal(int value) {
            ascii(Integer.toString(value));
        }

        private void ascii(String value) {
            int n = value.length();
            room(n);
            byte[] b = buffer;
            int at = length;
            for (int i = 0; i < n; i++) {
                b[at + i] = (byte) value.charAt(i);
            }
            length = at + n;
        }

        private void put(byte b) {
            room(1);
            buffer[length++] = b;
        }

        private void room(int more) {
            if (length + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        private static boolean isAscii(String value) {
            for (int i = 0, n = value.length(); i < n; i++) {
                if (value.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        private static byte[][] names(String... names) {
            byte[][] out = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                out[i] = (names[i] + "=").getBytes(StandardCharsets.US_ASCII);
            }
            return out;
        }
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
