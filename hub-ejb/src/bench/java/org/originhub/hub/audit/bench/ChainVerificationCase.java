package org.originhub.hub.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.hub.bench.BenchSupport.set;

import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.originhub.hub.audit.TestCheckpointSigner;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.boundary.Checkpoints;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.ChainVerification;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.TestPersistence;

/**
 * The chain verification case of {@link AuditQueryBenchmark} (issue 18: at least 200,000 records/s at 10 million
 * records): {@link AuditLog#verify()} over the whole seeded log, in one transaction as the API runs it, against two
 * baselines measured in the same run over the same rows: a plain JDBC scan that reads every column the hash covers
 * (streamed, nothing computed), and the same scan with SHA-256 over each row's bytes (the least any verifier that
 * reads the database and hashes can cost). Prints records/s and the ratios, also per CPU second of the benchmark's
 * thread (the database server's CPU not included), which a shared machine's load changes less; asserts that the
 * chain is intact, never a time. {@code -Dbench.verifyRuns=N} (default 2) times each N times (the first includes JIT
 * warm-up). {@code -Dbench.exportTo=FILE} also writes the unfiltered JSON-lines export there
 * ({@link AuditLog#export}), for timing the offline verifier on it
 * ({@code java hub-web/src/audit/java/AuditVerify.java FILE}).
 */
final class ChainVerificationCase {

    static final String NAME = "chain verification";
    private static final AuthenticatedUser AUDITOR = new AuthenticatedUser("bench-auditor", Role.AUDITOR, null);
    private static final int RUNS = Integer.getInteger("bench.verifyRuns", 2);
    private static final String COLUMNS = "seq, recorded_at, actor_kind, actor, actor_member, action, outcome, "
            + "object_type, object_id, tracking_number, co_number, sender_member, recipient_member, detail, prev_hash, "
            + "hash";

    /** CPU time of the benchmark's thread: what the figures cost this JVM whatever the machine's load. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ChainVerificationCase() {
    }

    static void run(DataSource loader, TestPersistence persistence, AuditTrail trail, AuditLog log,
            Supplier<String> loadAverage)
            throws SQLException {
        Checkpoints checkpoints = new Checkpoints();
        set(checkpoints, "signer", TestCheckpointSigner.HUB);
        set(checkpoints, "earlierSigners", Optional.empty());
        set(log, "checkpoints", checkpoints);
        Map<String, LongSupplier> cases = new LinkedHashMap<>();
        cases.put("baseline: JDBC scan of the hashed columns", () -> scan(loader, false));
        cases.put("baseline: the scan + SHA-256 of each row", () -> scan(loader, true));
        cases.put("AuditLog.verify()", () -> {
            ChainVerification result = persistence.inTransaction((EntityManager em) -> {
                set(log, "em", em);
                return log.verify();
            });
            assertThat(result.intact()).as(result.problem()).isTrue();
            return result.count();
        });
        String exportTo = System.getProperty("bench.exportTo", "");
        if (!exportTo.isBlank() && !exportTo.startsWith("${")) {
            cases.put("AuditLog.export (JSON lines, to a file)", () -> persistence.inTransaction((EntityManager em) -> {
                set(log, "em", em);
                set(trail, "em", em);
                try (Writer out = Files.newBufferedWriter(Path.of(exportTo), StandardCharsets.UTF_8)) {
                    return log.export(AUDITOR, AuditFilter.none(), AuditExportFormat.JSONL, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        Map<String, double[]> cpuRates = new LinkedHashMap<>();
        for (Map.Entry<String, LongSupplier> c : cases.entrySet()) {
            double[] perRun = new double[RUNS];
            double[] perCpuSecond = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long records = c.getValue().getAsLong();
                perRun[run] = records / ((System.nanoTime() - t0) / 1e9);
                perCpuSecond[run] = records / ((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
                System.out.printf("  %-45s run %d: %,d records, %,.0f records/s, %,.0f per CPU second of this "
                        + "thread (load average %s)%n", c.getKey(), run + 1, records, perRun[run],
                        perCpuSecond[run], loadAverage.get());
            }
            rates.put(c.getKey(), perRun);
            cpuRates.put(c.getKey(), perCpuSecond);
        }
        double scan = best(rates.values().iterator().next());
        System.out.printf("%nAudit chain verification (best of %d runs each; load average %s)%n", RUNS,
                loadAverage.get());
        double scanCpu = best(cpuRates.values().iterator().next());
        System.out.printf("  %-45s %14s %10s %18s %10s%n", "case", "records/s", "x scan", "per CPU s (JVM)",
                "x scan");
        for (Map.Entry<String, double[]> r : rates.entrySet()) {
            double cpu = best(cpuRates.get(r.getKey()));
            System.out.printf("  %-45s %,14.0f %10.2f %,18.0f %10.2f%n", r.getKey(), best(r.getValue()),
                    best(r.getValue()) / scan, cpu, cpu / scanCpu);
        }
    }

    private static double best(double[] rates) {
        double best = 0;
        for (double r : rates) {
            best = Math.max(best, r);
        }
        return best;
    }

    /** Every record, streamed in sequence order (Connector/J: fetch size Integer.MIN_VALUE); returns the count. */
    private static long scan(DataSource loader, boolean sha256) {
        MessageDigest digest = sha256 ? sha256() : null;
        long count = 0;
        long sink = 0;
        try (Connection c = loader.getConnection();
                Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM audit_record ORDER BY seq")) {
                while (rs.next()) {
                    count++;
                    if (digest == null) {
                        sink += rs.getLong(1) + rs.getObject(2, LocalDateTime.class).getNano();
                        for (int i = 3; i <= 16; i++) {
                            String value = rs.getString(i);
                            sink += value == null ? 0 : value.length();
                        }
                    } else {
                        for (int i = 1; i <= 16; i++) {
                            byte[] value = rs.getBytes(i);
                            if (value != null) {
                                digest.update(value);
                            }
                        }
                        sink += digest.digest()[0];
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(sink).as("what the scan read").isNotZero();
        return count;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
