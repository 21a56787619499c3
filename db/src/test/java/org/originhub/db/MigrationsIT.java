package org.originhub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;

/** The real migrations against a real MariaDB 10.11 (embedded). */
@ExtendWith(EmbeddedDatabaseExtension.class)
class MigrationsIT {

    @Test
    void migrationsCreateTheSchemaAndReportItUpToDate(DataSource dataSource) throws SQLException {
        Migrations migrations = new Migrations(dataSource);

        assertThat(migrations.isUpToDate()).isTrue();
        assertThat(migrations.currentVersion()).isNotEqualTo("none");
        assertThat(tables(dataSource)).contains("hub_instance", "hub_start", "hub_user", "flyway_schema_history");
    }

    @Test
    void migratingAgainAppliesNothing(DataSource dataSource) {
        assertThat(new Migrations(dataSource).migrate()).isZero();
    }

    @Test
    void hubInstanceHoldsASingleRow(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM hub_instance");
            s.executeUpdate("INSERT INTO hub_instance (id, instance_id, created_at) VALUES (1, 'a', NOW(6))");
            assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO hub_instance (id, instance_id, created_at) VALUES (2, 'b', NOW(6))"))
                    .isInstanceOf(SQLException.class);
            s.executeUpdate("DELETE FROM hub_instance");
        }
    }

    @Test
    void onlyAMemberAuditorHasAMemberCodeAndUsernamesAreUniqueWithoutRegardToCase(DataSource dataSource)
            throws SQLException {
        String insert = "INSERT INTO hub_user (username, password_hash, role, member_code, status, "
                + "password_changed_at, must_change_password, created_at, created_by) VALUES ('%s', 'h', '%s', %s, "
                + "'ACTIVE', NOW(6), FALSE, NOW(6), 'test')";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(insert.formatted("ke-auditor", "MEMBER_AUDITOR", "'KE'"));
            s.executeUpdate(insert.formatted("operator", "OPERATOR", "NULL"));
            for (String[] wrong : new String[][] {{"a1", "MEMBER_AUDITOR", "NULL"}, {"a2", "MEMBER_AUDITOR", "'ke'"},
                {"a3", "OPERATOR", "'KE'"}, {"a4", "ROOT", "NULL"}, {"Operator", "OPERATOR", "NULL"}}) {
                assertThatThrownBy(() -> s.executeUpdate(insert.formatted(wrong[0], wrong[1], wrong[2])))
                        .as(String.join(" ", wrong)).isInstanceOf(SQLException.class);
            }
            s.executeUpdate("DELETE FROM hub_user WHERE created_by = 'test'");
        }
    }

    @Test
    void timestampsKeepMicroseconds(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO hub_start (node_name, hub_version, started_at) "
                    + "VALUES ('n', 'v', '2026-01-02 03:04:05.123456')");
            try (ResultSet rs = s.executeQuery("SELECT started_at FROM hub_start WHERE node_name = 'n'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getTimestamp(1).getNanos()).isEqualTo(123_456_000);
            }
        }
    }

    private static List<String> tables(DataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
