package org.originhub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;

/** The real migrations against a real MariaDB 10.11 (embedded). */
@ExtendWith(EmbeddedDatabaseExtension.class)
class MigrationsIT {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void migrationsCreateTheSchemaAndReportItUpToDate(DataSource dataSource) throws Exception {
        Migrations migrations = new Migrations(dataSource);

        assertThat(migrations.isUpToDate()).isTrue();
        assertThat(migrations.currentVersion()).isEqualTo(newestMigration());
        assertThat(tables(dataSource)).contains("hub_instance", "hub_start", "hub_user", "flyway_schema_history");
    }

    @Test
    void migratingAgainAppliesNothing(DataSource dataSource) {
        assertThat(new Migrations(dataSource).migrate()).isZero();
    }

    @Test
    void hubInstanceHoldsASingleRow(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeUpdate("DELETE FROM hub_instance");
                s.executeUpdate("INSERT INTO hub_instance (id, instance_id, created_at) VALUES (1, 'a', NOW(6))");
                assertThatThrownBy(() -> s.executeUpdate(
                        "INSERT INTO hub_instance (id, instance_id, created_at) VALUES (2, 'b', NOW(6))"))
                        .satisfies(violates("ck_hub_instance_single"));
            } finally {
                s.executeUpdate("DELETE FROM hub_instance");
            }
        }
    }

    @Test
    void onlyAMemberAuditorHasAMemberCodeAndUsernamesAreUniqueWithoutRegardToCase(DataSource dataSource)
            throws SQLException {
        String insert = "INSERT INTO hub_user (username, password_hash, role, member_code, status, "
                + "password_changed_at, must_change_password, created_at, created_by) VALUES ('%s', 'h', '%s', %s, "
                + "'ACTIVE', NOW(6), FALSE, NOW(6), 'test')";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeUpdate(insert.formatted("ke-auditor", "MEMBER_AUDITOR", "'KE'"));
                s.executeUpdate(insert.formatted("operator", "OPERATOR", "NULL"));
                for (String[] wrong : new String[][] {{"a1", "MEMBER_AUDITOR", "NULL", "ck_hub_user_member_code"},
                    {"a2", "MEMBER_AUDITOR", "'ke'", "ck_hub_user_member_code"},
                    {"a3", "OPERATOR", "'KE'", "ck_hub_user_member_code"}, {"a4", "ROOT", "NULL", "ck_hub_user_role"},
                    {"Operator", "OPERATOR", "NULL", "uq_hub_user_username"}}) {
                    assertThatThrownBy(() -> s.executeUpdate(insert.formatted(wrong[0], wrong[1], wrong[2])))
                            .as(String.join(" ", wrong)).satisfies(violates(wrong[3]));
                }
            } finally {
                s.executeUpdate("DELETE FROM hub_user WHERE created_by = 'test'");
            }
        }
    }

    @Test
    void timestampsKeepMicroseconds(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeUpdate("INSERT INTO hub_start (node_name, hub_version, started_at) "
                        + "VALUES ('migrations-it', 'v', '2026-01-02 03:04:05.123456')");
                try (ResultSet rs = s.executeQuery("SELECT started_at FROM hub_start "
                        + "WHERE node_name = 'migrations-it'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getTimestamp(1).getNanos()).isEqualTo(123_456_000);
                }
            } finally {
                s.executeUpdate("DELETE FROM hub_start WHERE node_name = 'migrations-it'");
            }
        }
    }

    /**
     * A statement refused by {@code constraint}: SQLState 23000 (integrity constraint violation), which MariaDB gives
     * both a CHECK (error 4025) and a unique key (1062), and the constraint's name in the message.
     */
    private static Consumer<Throwable> violates(String constraint) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("23000");
            assertThat(e.getMessage()).contains(constraint);
        });
    }

    /**
     * The highest version among the migration scripts on the class path (a folder, or the module's jar under
     * Failsafe), read from their file names.
     */
    private static String newestMigration() throws IOException, URISyntaxException {
        URL folder = MigrationsIT.class.getClassLoader().getResource("db/migration");
        assertThat(folder).isNotNull();
        URI uri = folder.toURI();
        if (!"jar".equals(uri.getScheme())) {
            return newestMigration(Path.of(uri));
        }
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            return newestMigration(jar.getPath("db/migration"));
        }
    }

    private static String newestMigration(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> MIGRATION.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).max(Integer::compare).orElseThrow().toString();
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
