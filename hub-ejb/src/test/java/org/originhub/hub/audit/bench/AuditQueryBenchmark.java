package org.originhub.hub.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.MysqlDataSource;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.embedded.EmbeddedDatabase;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditPage;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.TestPersistence;

/**
 * The scale target: with 10 million audit records, the first page of a filtered query. Seeds
 * {@code bench.records} (default 10,000,000) properly hash-chained records of a plausible community (20 member states
 * of very different sizes, exchanges of six records sharing a tracking and CO number, one record in ten an
 * administrative one, a year of traffic) into the embedded MariaDB with LOAD DATA LOCAL INFILE, secondary indexes
 * dropped during the load and rebuilt after it (exactly the ones the migrations define). Then times
 * {@link AuditLog#search} (the first page of 100, newest first, as the API asks it; this includes appending the
 * AUDIT_QUERIED record and the commit) per filter, with varying parameters, and prints p50/p95 and the ratio to a
 * baseline measured the same way in the same run: one record found by primary key. Asserts only that the answers
 * are right, never a time.
 *
 * <pre>mvn -pl hub-ejb -am verify -Pbenchmark -Dit.test=AuditQueryBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
 *     [-Dbench.records=1000000]</pre>
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class AuditQueryBenchmark {

    private static final long RECORDS = Long.getLong("bench.records", 10_000_000L);
    private static final int RUNS = Integer.getInteger("bench.runs", 200);
    private static final int WARMUP = 30;
    private static final int CHUNK = 250_000;
    private static final String[] MEMBERS = {"KE", "TZ", "UG", "RW", "BI", "SS", "CD", "SO", "ET", "DJ", "ER", "SD",
        "MW", "ZM", "ZW", "MZ", "AO", "NA", "BW", "LS"};
    private static final String[] STEPS = {"CO_SUBMITTED", "CO_VALIDATED", "CO_STORED", "DELIVERY_ATTEMPTED",
        "CO_DELIVERED", "DELIVERY_ACKNOWLEDGED"};
    private static final String[] ADMIN_ACTIONS = {"LOGIN", "AUDIT_QUERIED", "GATEWAY_SUSPENDED", "LOGIN_FAILED",
        "MEMBER_STATE_RENAMED"};
    private static final AuthenticatedUser AUDITOR = new AuthenticatedUser("bench-auditor", Role.AUDITOR, null);
    private static final DateTimeFormatter SQL_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** Member i's share of the traffic falls as i^-1.5: KE about 46 %, LS about 0.5 %. */
    private static final double[] CUMULATIVE = new double[MEMBERS.length];

    static {
        double sum = 0;
        for (int i = 0; i < MEMBERS.length; i++) {
            sum += Math.pow(i + 1, -1.5);
            CUMULATIVE[i] = sum;
        }
        for (int i = 0; i < MEMBERS.length; i++) {
            CUMULATIVE[i] /= sum;
        }
    }

    private final Instant end = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private final Instant start = end.minus(Duration.ofDays(365));
    private final long exchanges = RECORDS / 6;

    @Test
    void firstPageOfFilteredQueriesOverTheSeededLog(EmbeddedDatabase database) throws Exception {
        MysqlDataSource loader = new MysqlDataSource();
        loader.setUrl(database.jdbcUrl() + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&allowLoadLocalInfile=true&rewriteBatchedStatements=true");
        loader.setUser(database.user());
        loader.setPassword("");
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            // Room for the indexes of 10M records (the embedded default is 128 MB): a database server's own setting.
            s.execute("SET GLOBAL innodb_buffer_pool_size = " + Long.getLong("bench.bufferPool", 2L << 30));
        }
        long seedStart = System.nanoTime();
        String lastHash = seed(loader);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        try (Connection physical = loader.getConnection();
                TestPersistence persistence = TestPersistence.of(reusing(physical), AuditRecord.class,
                        AuditHead.class, AuditCheckpoint.class)) {
            AuditTrail trail = new AuditTrail();
            AuditLog log = new AuditLog();
            set(log, "trail", trail);
            assertThat(persistence.inTransaction((EntityManager em) -> em.find(AuditHead.class, AuditHead.SINGLE_ROW)
                    .hash())).isEqualTo(lastHash);
            SplittableRandom random = new SplittableRandom(7);

            Map<String, IntFunction<Object>> cases = new LinkedHashMap<>();
            cases.put("baseline: one record by primary key", i -> persistence.inTransaction((EntityManager em) ->
                    em.find(AuditRecord.class, 1 + random.nextLong(RECORDS))));
            cases.put("append one record (AuditTrail.record)", i -> persistence.inTransaction((EntityManager em) -> {
                set(trail, "em", em);
                return trail.record(new AuditEntry("USER", "bench", null, "LOGIN", Outcome.SUCCESS, "User", "bench",
                        null, null, null, null, null));
            }));
            cases.put("member, busy (KE, TZ, UG)", i -> search(persistence, trail, log,
                    filter(null, null, MEMBERS[i % 3], null, null, null)));
            cases.put("member, small (MZ..LS, 0.5-0.9 %)", i -> search(persistence, trail, log,
                    filter(null, null, MEMBERS[15 + i % 5], null, null, null)));
            cases.put("member + a random week", i -> {
                Instant from = randomTime(random, Duration.ofDays(7));
                return search(persistence, trail, log, filter(from, from.plus(Duration.ofDays(7)),
                        MEMBERS[i % MEMBERS.length], null, null, null));
            });
            cases.put("action + a random week", i -> {
                Instant from = randomTime(random, Duration.ofDays(7));
                return search(persistence, trail, log, filter(from, from.plus(Duration.ofDays(7)), null,
                        STEPS[i % STEPS.length], null, null));
            });
            cases.put("action + a random 90 days", i -> {
                Instant from = randomTime(random, Duration.ofDays(90));
                return search(persistence, trail, log, filter(from, from.plus(Duration.ofDays(90)), null,
                        STEPS[i % STEPS.length], null, null));
            });
            cases.put("CO number", i -> {
                AuditPage page = search(persistence, trail, log, filter(null, null, null, null,
                        coNumber(random.nextLong(exchanges)), null));
                assertThat(page.records()).hasSizeBetween(1, 6);
                return page;
            });
            cases.put("tracking number", i -> {
                AuditPage page = search(persistence, trail, log, filter(null, null, null, null, null,
                        trackingNumber(random.nextLong(exchanges))));
                assertThat(page.records()).hasSizeBetween(1, 6);
                return page;
            });
            cases.put("unfiltered", i -> search(persistence, trail, log, AuditFilter.none()));

            Map<String, double[]> results = new LinkedHashMap<>();
            for (Map.Entry<String, IntFunction<Object>> c : cases.entrySet()) {
                results.put(c.getKey(), time(c.getValue()));
            }
            double baseline = results.values().iterator().next()[0];
            System.out.printf("%nAudit query benchmark: %,d records seeded in %.0f s (embedded MariaDB 10.11, "
                    + "buffer pool %d MB), %d runs per case, first page of 100 newest first through AuditLog.search "
                    + "(query + its own AUDIT_QUERIED record + commit)%n", RECORDS, seedSeconds,
                    Long.getLong("bench.bufferPool", 2L << 30) >> 20, RUNS);
            System.out.printf("  %-40s %10s %10s %12s%n", "case", "p50 ms", "p95 ms", "p50/baseline");
            for (Map.Entry<String, double[]> r : results.entrySet()) {
                System.out.printf("  %-40s %10.2f %10.2f %11.1fx%n", r.getKey(), r.getValue()[0], r.getValue()[1],
                        r.getValue()[0] / baseline);
            }
        }
    }

    private double[] time(IntFunction<Object> work) {
        for (int i = 0; i < WARMUP; i++) {
            work.apply(i);
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            work.apply(i);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] {millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.95) - 1]};
    }

    private static AuditPage search(TestPersistence persistence, AuditTrail trail, AuditLog log, AuditFilter filter) {
        return persistence.inTransaction((EntityManager em) -> {
            set(trail, "em", em);
            set(log, "em", em);
            AuditPage page = log.search(AUDITOR, filter, null, 100, true);
            assertThat(page.records()).isNotEmpty();
            return page;
        });
    }

    private static AuditFilter filter(Instant from, Instant to, String member, String action, String coNumber,
            String trackingNumber) {
        return new AuditFilter(from, to, member, action, null, null, trackingNumber, coNumber);
    }

    private Instant randomTime(SplittableRandom random, Duration room) {
        long span = Duration.between(start, end).minus(room).toSeconds();
        return start.plusSeconds(random.nextLong(span));
    }

    // --- seeding ---------------------------------------------------------------------------------------------

    /** Loads the records and returns the hash of the last one, which the chain head is set to. */
    private String seed(DataSource loader) throws SQLException, IOException {
        List<String> indexes = new ArrayList<>();
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT index_name, GROUP_CONCAT(column_name ORDER BY seq_in_index) "
                    + "FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = "
                    + "'audit_record' AND index_name <> 'PRIMARY' GROUP BY index_name")) {
                while (rs.next()) {
                    indexes.add("ADD INDEX " + rs.getString(1) + " (" + rs.getString(2) + ")");
                }
            }
            for (String index : indexes) {
                s.execute("ALTER TABLE audit_record DROP INDEX " + index.split(" ")[2]);
            }
            Generator generator = new Generator();
            long loadStart = System.nanoTime();
            for (long from = 1; from <= RECORDS; from += CHUNK) {
                long to = Math.min(RECORDS, from + CHUNK - 1);
                generator.range(from, to);
                ((JdbcStatement) s.unwrap(JdbcStatement.class)).setLocalInfileInputStream(generator);
                s.execute("LOAD DATA LOCAL INFILE 'generated' INTO TABLE audit_record CHARACTER SET utf8mb4 "
                        + "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (seq, recorded_at, "
                        + "actor_kind, actor, actor_member, action, outcome, object_type, object_id, tracking_number, "
                        + "co_number, sender_member, recipient_member, detail, prev_hash, hash)");
                if (to % 1_000_000 == 0 || to == RECORDS) {
                    System.out.printf("  loaded %,d records, %.0f s%n", to, (System.nanoTime() - loadStart) / 1e9);
                }
            }
            long indexStart = System.nanoTime();
            s.execute("ALTER TABLE audit_record " + String.join(", ", indexes));
            System.out.printf("  rebuilt %d secondary indexes in %.0f s%n", indexes.size(),
                    (System.nanoTime() - indexStart) / 1e9);
            s.execute("UPDATE audit_head SET seq = " + RECORDS + ", hash = '" + generator.previous
                    + "', recorded_at = '" + SQL_MICROS.format(generator.lastTime) + "'");
            s.execute("ANALYZE TABLE audit_record");
            return generator.previous;
        }
    }

    private static String coNumber(long exchange) {
        return "CO/" + exchange % 97 + "/" + exchange;
    }

    private static String trackingNumber(long exchange) {
        return "TN-" + Long.toString(exchange * 2_654_435_761L & 0xffffffffffL, 36) + "-" + exchange;
    }

    /** Streams the tab-separated rows of records {@code from..to}, computing the chain as it goes. */
    private final class Generator extends InputStream {

        private final SplittableRandom random = new SplittableRandom(42);
        private final StringBuilder row = new StringBuilder(512);
        private String previous = AuditCanonicalForm.GENESIS;
        private Instant lastTime;
        private long next;
        private long last;
        private byte[] buffer = new byte[0];
        private int position;
        private String sender;
        private String recipient;

        void range(long from, long to) {
            this.next = from;
            this.last = to;
            this.position = buffer.length;
        }

        @Override
        public int read() throws IOException {
            if (position >= buffer.length && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= buffer.length && !fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        /** Rows in batches of 1000, so that a read does not cost a row. */
        private boolean fill() {
            if (next > last) {
                return false;
            }
            StringBuilder batch = new StringBuilder(400_000);
            for (int i = 0; i < 1000 && next <= last; i++, next++) {
                batch.append(row(next));
            }
            buffer = batch.toString().getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }

        private String row(long seq) {
            Instant at = start.plusNanos((long) ((double) (seq - 1) / RECORDS * Duration.between(start, end)
                    .toNanos())).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            long exchange = (seq - 1) / 6;
            int step = (int) ((seq - 1) % 6);
            AuditEntry entry;
            if (step == 0) {
                sender = member();
                do {
                    recipient = member();
                } while (recipient.equals(sender));
            }
            if (random.nextInt(10) == 0) {
                String action = ADMIN_ACTIONS[random.nextInt(ADMIN_ACTIONS.length)];
                entry = new AuditEntry("USER", "user-" + random.nextInt(50), null, action, action.endsWith("FAILED")
                        ? Outcome.REJECTED : Outcome.SUCCESS, "User", null, null, null, null, null, "benchmark");
            } else {
                boolean fromRecipient = step == 5;
                String actorMember = fromRecipient ? recipient : sender;
                entry = new AuditEntry(step == 3 ? "HUB" : "GATEWAY", step == 3 ? "hub" : "gw-" + actorMember
                        + "-0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab", step == 3 ? null
                                : actorMember, STEPS[step], Outcome.SUCCESS, "Envelope", Long.toString(exchange),
                        trackingNumber(exchange), coNumber(exchange), sender, recipient, "payload sha256 "
                                + Long.toHexString(random.nextLong()));
            }
            String hash = AuditCanonicalForm.hash(seq, at, entry, previous);
            row.setLength(0);
            row.append(seq).append('\t').append(SQL_MICROS.format(at));
            for (String value : new String[] {entry.actorKind(), entry.actor(), entry.actorMember(), entry.action(),
                entry.outcome().name(), entry.objectType(), entry.objectId(), entry.trackingNumber(),
                entry.coNumber(), entry.senderMember(), entry.recipientMember(), entry.detail(), previous, hash}) {
                row.append('\t').append(value == null ? "\\N" : value);
            }
            previous = hash;
            lastTime = at;
            return row.append('\n').toString();
        }

        private String member() {
            double r = random.nextDouble();
            for (int i = 0; i < CUMULATIVE.length; i++) {
                if (r < CUMULATIVE[i]) {
                    return MEMBERS[i];
                }
            }
            return MEMBERS[MEMBERS.length - 1];
        }
    }

    /** One physical connection for every transaction: the harness has no pool, and a connect per query would dominate. */
    private static DataSource reusing(Connection physical) {
        Connection shared = (Connection) Proxy.newProxyInstance(AuditQueryBenchmark.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(AuditQueryBenchmark.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return shared;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void set(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
