package org.originhub.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database server's own statement and lock counters ({@code SHOW GLOBAL STATUS}), read before and after a phase:
 * how many statements of each kind a phase sent, and how often and how long a statement waited for a row lock (the
 * audit chain head, a message being delivered). The bench's own reads are a few per phase.
 */
final class DatabaseCounters {

    /** Counter names, in report order, with the label they are reported under. */
    static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("Com_select", "SELECT");
        NAMES.put("Com_insert", "INSERT");
        NAMES.put("Com_update", "UPDATE");
        NAMES.put("Com_delete", "DELETE");
        NAMES.put("Com_commit", "COMMIT");
        NAMES.put("Questions", "statements in all");
        NAMES.put("Innodb_row_lock_waits", "row lock waits");
        NAMES.put("Innodb_row_lock_time", "row lock wait time, ms");
    }

    private DatabaseCounters() {
    }

    static Map<String, Long> read(Connection db) {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                        + String.join("', '", NAMES.keySet()) + "')")) {
            while (r.next()) {
                values.put(r.getString(1), Long.parseLong(r.getString(2)));
            }
        } catch (SQLException | NumberFormatException e) {
            System.err.println("bench: cannot read the database's counters: " + e.getMessage());
        }
        return values;
    }

    /** {@code after - before} per counter, in report order (counters missing from either are left out). */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        for (String name : NAMES.keySet()) {
            if (before.containsKey(name) && after.containsKey(name)) {
                delta.put(name, after.get(name) - before.get(name));
            }
        }
        return delta;
    }
}
