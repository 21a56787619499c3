package org.originhub.hub.audit.control;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;

/**
 * The audit records as the chain verification reads them: pages in sequence order, straight from JDBC on the
 * transaction's connection into {@link AuditChainVerifier.Link}s, without managed entities (which cost more than the
 * hashing: change tracking, the identity map and its clearing per page). A record reads exactly as the entity does
 * ({@code AuditRecord.entry()}, recorded_at as UTC like the hub's InstantConverter), so both hash the same. Keyset
 * pages ({@code seq > after}) keep every page a short range of the primary key, and the connection free between
 * pages for the checkpoints read alongside.
 */
public final class AuditLinkReader implements AutoCloseable {

    private static final String PAGE = "SELECT seq, recorded_at, actor_kind, actor, actor_member, action, outcome, "
            + "object_type, object_id, tracking_number, co_number, sender_member, recipient_member, detail, prev_hash, "
            + "hash FROM audit_record WHERE seq > ? ORDER BY seq LIMIT ?";

    private final PreparedStatement statement;

    public AuditLinkReader(Connection connection) {
        try {
            this.statement = connection.prepareStatement(PAGE);
        } catch (SQLException e) {
            throw new PersistenceException("the audit records could not be read", e);
        }
    }

    /** Up to {@code limit} records after sequence number {@code after}, in sequence order. */
    public List<AuditChainVerifier.Link> page(long after, int limit) {
        List<AuditChainVerifier.Link> page = new ArrayList<>(limit);
        try {
            statement.setLong(1, after);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    page.add(link(rs));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("the audit records could not be read", e);
        }
        return page;
    }

    private static AuditChainVerifier.Link link(ResultSet rs) throws SQLException {
        AuditEntry entry = new AuditEntry(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                Outcome.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
        return new AuditChainVerifier.Link(rs.getLong(1), rs.getObject(2, LocalDateTime.class)
                .toInstant(ZoneOffset.UTC), entry, rs.getString(15), rs.getString(16));
    }

    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException e) {
            throw new PersistenceException("the audit records could not be read", e);
        }
    }
}
