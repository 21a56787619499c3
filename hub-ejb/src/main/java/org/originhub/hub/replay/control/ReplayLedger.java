package org.originhub.hub.replay.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The {@code replay_guard} table, in plain JDBC: one atomic insert per accepted request, where the primary key
 * decides between two nodes that see the same signature at once. Timestamps are stored as UTC {@code DATETIME(6)}.
 */
public class ReplayLedger {

    /** MySQL and MariaDB: duplicate entry for a key. */
    private static final int DUPLICATE_KEY = 1062;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int PURGE_BATCH = 10_000;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final DataSource dataSource;

    public ReplayLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a signature digest.
     *
     * @return true when it was not recorded before; false when it was (a replay)
     */
    public boolean record(String signatureHash, Instant keepUntil, Instant now) {
        if (signatureHash == null || !SHA256_HEX.matcher(signatureHash).matches()) {
            throw new IllegalArgumentException("A replay key is the lowercase hex SHA-256 of a signature value");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO replay_guard (signature_hash, keep_until, recorded_at) VALUES (?, ?, ?)")) {
            insert.setString(1, signatureHash);
            insert.setString(2, utc(keepUntil));
            insert.setString(3, utc(now));
            insert.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                return false;
            }
            throw new ReplayLedgerException("The replay guard could not record a signature", e);
        } catch (SQLException e) {
            throw new ReplayLedgerException("The replay guard could not record a signature", e);
        }
    }

    /** Deletes records no longer needed (in batches, to keep locks short); returns how many. */
    public int purgeBefore(Instant cutoff) {
        int purged = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM replay_guard WHERE keep_until < ? LIMIT " + PURGE_BATCH)) {
            delete.setString(1, utc(cutoff));
            int deleted;
            do {
                deleted = delete.executeUpdate();
                purged += deleted;
            } while (deleted == PURGE_BATCH);
            return purged;
        } catch (SQLException e) {
            throw new ReplayLedgerException("The replay guard could not purge expired records", e);
        }
    }

    /**
     * A UTC DATETIME(6) literal. Bound as text on purpose: MariaDB reports itself to Connector/J as "5.5.5-10.11",
     * which Connector/J takes for a server without fractional seconds, and it silently drops them from temporal
     * parameters.
     */
    private static String utc(Instant instant) {
        return DATETIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
