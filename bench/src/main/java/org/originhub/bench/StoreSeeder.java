package org.originhub.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.originhub.gatewaykit.samples.SampleDocuments;
import org.originhub.gatewaykit.security.Sha256;

/**
 * Fills the message store with delivered COs straight in SQL, for the "large store" growth run: per message one
 * {@code exchange_message} row (KE -> UG, CERTIFICATE_OF_ORIGIN NEW, DELIVERED and acknowledged, received over the
 * past days), its {@code exchange_payload} (a real sample CO) and its {@code co_register} row (ISSUED), all secondary
 * indexes maintained by the server. MariaDB's sequence engine ({@code seq_1_to_N}) generates the rows inside the server,
 * in chunks of 50,000 per transaction, so nothing crosses the wire. Audit records and status history are not seeded
 * (the intake only appends to them).
 */
final class StoreSeeder {

    private static final int CHUNK = 50_000;

    private StoreSeeder() {
    }

    /** Adds {@code count} messages; returns the messages in the store afterwards. */
    static long seed(Connection db, long count, long senderGateway, String senderCertificate, long recipientGateway)
            throws SQLException {
        byte[] payload = SampleDocuments.certificate("KE", "KE-SEED-0000001", BenchCommunity.AGREEMENT);
        String sha = Sha256.hex(payload);
        long first = maxSeed(db) + 1;
        long last = first + count - 1;
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        long started = System.nanoTime();
        try {
            for (long from = first; from <= last; from += CHUNK) {
                long to = Math.min(last, from + CHUNK - 1);
                String seq = "seq_" + from + "_to_" + to;
                try (PreparedStatement s = db.prepareStatement("INSERT INTO exchange_message (tracking_number, "
                        + "sender_member, recipient_member, agreement_code, document_type, document_function, "
                        + "issuer_member, co_number, sender_message_id, co_function, sender_gateway_id, "
                        + "sender_certificate, recipient_gateway_id, delivery_mode, media_type, payload_sha256, "
                        + "payload_size, received_at, delivery_status, attempts, first_attempt_at, last_attempt_at, "
                        + "ack_kind, acknowledged_at) "
                        + "SELECT CONCAT('OH-SEED-', LPAD(seq, 9, '0')), 'KE', 'UG', ?, 'CERTIFICATE_OF_ORIGIN', "
                        + "'NEW', 'KE', CONCAT('KE-SEED-', LPAD(seq, 9, '0')), CONCAT('seed-', seq), 'NEW', ?, ?, ?, "
                        + "'PUSH', 'application/xml', ?, ?, t, 'DELIVERED', 1, t, t, 'OK', t "
                        + "FROM (SELECT seq, UTC_TIMESTAMP(6) - INTERVAL seq SECOND AS t FROM " + seq + ") s")) {
                    s.setString(1, BenchCommunity.AGREEMENT);
                    s.setLong(2, senderGateway);
                    s.setString(3, senderCertificate);
                    s.setLong(4, recipientGateway);
                    s.setString(5, sha);
                    s.setLong(6, payload.length);
                    s.executeUpdate();
                }
                try (PreparedStatement s = db.prepareStatement("INSERT INTO exchange_payload (message_id, content) "
                        + "SELECT id, ? FROM exchange_message WHERE tracking_number BETWEEN ? AND ?")) {
                    s.setBytes(1, payload);
                    s.setString(2, "OH-SEED-" + pad(from));
                    s.setString(3, "OH-SEED-" + pad(to));
                    s.executeUpdate();
                }
                try (PreparedStatement s = db.prepareStatement("INSERT INTO co_register (issuer_member, co_number, "
                        + "status, status_since, agreement_code, importing_member, issued_by) "
                        + "SELECT 'KE', co_number, 'ISSUED', received_at, agreement_code, 'UG', tracking_number "
                        + "FROM exchange_message WHERE tracking_number BETWEEN ? AND ?")) {
                    s.setString(1, "OH-SEED-" + pad(from));
                    s.setString(2, "OH-SEED-" + pad(to));
                    s.executeUpdate();
                }
                db.commit();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("bench:   store seeded %,d of %,d messages (%.0f s)%n", to - first + 1, count,
                        seconds);
            }
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return messages(db);
    }

    private static String pad(long n) {
        return String.format("%09d", n);
    }

    private static long maxSeed(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(tracking_number) FROM "
                + "exchange_message WHERE tracking_number LIKE 'OH-SEED-%'")) {
            rs.next();
            String max = rs.getString(1);
            return max == null ? 0 : Long.parseLong(max.substring("OH-SEED-".length()));
        }
    }

    static long messages(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM exchange_message")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
