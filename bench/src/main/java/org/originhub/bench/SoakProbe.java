package org.originhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * The gauges a soak reads each minute: the hub process's RSS, threads and open file descriptors from /proc, its heap
 * after GC from its GC log, and from the database the client connections (every session but the probe's own and the
 * server's background threads: on the embedded database those are the hub's pool) and the pending queue.
 */
final class SoakProbe {

    private final long pid;
    private final GcLog gcLog;
    private final Connection db;

    SoakProbe(long pid, GcLog gcLog, Connection db) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.db = db;
    }

    double rssMb() {
        return ProcessSampler.statusField(pid, "VmRSS").stream().mapToDouble(kb -> kb / 1024.0).findFirst()
                .orElse(Double.NaN);
    }

    double heapAfterGcMb() {
        return gcLog.lowestAfterGcMbSinceLastRead();
    }

    double threads() {
        return ProcessSampler.statusField(pid, "Threads").stream().mapToDouble(n -> n).findFirst()
                .orElse(Double.NaN);
    }

    double fileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | SecurityException e) {
            return Double.NaN;
        }
    }

    double connections() {
        return count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() "
                + "AND COMMAND <> 'Daemon' AND USER <> 'system user'");
    }

    double pending() {
        return count("SELECT COUNT(*) FROM exchange_message WHERE delivery_status = 'PENDING_DELIVERY'");
    }

    private double count(String sql) {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            System.err.println("bench: soak: cannot read " + sql + ": " + e.getMessage());
            return Double.NaN;
        }
    }
}
