package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.originhub.hub.users.control.PasswordHashing;

/** What the Arquillian system tests share: the admin's password, hub users written into the database, JSON bits. */
final class SystemTestData {

    private SystemTestData() {
    }

    /** The first administrator's password, which hub-web/pom.xml gives the server under test. */
    static String adminPassword() {
        String password = System.getenv("HUB_ADMIN_PASSWORD");
        assertThat(password).as("HUB_ADMIN_PASSWORD from hub-web/pom.xml").isNotBlank();
        return password;
    }

    /**
     * A hub user written straight into the database, as another node or an earlier session would have left it; a
     * {@code lockedUntil} also records five failed logins.
     */
    static void insertUser(DataSource dataSource, String username, String password, String role, String memberCode,
            String status, Instant lockedUntil, boolean mustChangePassword, String createdBy) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO hub_user (username, password_hash, role, member_code, status, failed_logins, "
                        + "locked_until, password_changed_at, must_change_password, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, NOW(6), ?, NOW(6), ?)")) {
            insert.setString(1, username);
            insert.setString(2, new PasswordHashing(PasswordHashing.MINIMUM_ITERATIONS).hash(password));
            insert.setString(3, role);
            insert.setString(4, memberCode);
            insert.setString(5, status);
            insert.setInt(6, lockedUntil == null ? 0 : 5);
            insert.setTimestamp(7, lockedUntil == null ? null : Timestamp.from(lockedUntil));
            insert.setBoolean(8, mustChangePassword);
            insert.setString(9, createdBy);
            insert.executeUpdate();
        }
    }

    /** {@code text} as the inside of a JSON string. */
    static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** The value of the first field {@code name} of a flat JSON answer; fails the test when there is none. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
