package org.originhub.hub.messagelog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.hub.bench.BenchSupport.MEMBERS;
import static org.originhub.hub.bench.BenchSupport.member;
import static org.originhub.hub.bench.BenchSupport.reusing;
import static org.originhub.hub.bench.BenchSupport.set;

import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.MysqlDataSource;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.entity.DeliveryAttempt;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.StoredReference;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.lifecycle.entity.CoStatusChange;
import org.originhub.hub.messagelog.boundary.MessageFilter;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.messagelog.boundary.MessagePage;
import org.originhub.hub.retention.entity.LegalHold;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.TestPersistence;

/**
 * The console's two large tables at the volumes: what the Messages and Audit-log pages' lazy models ask of
 * the database for one page. Seeds {@code bench.exchanges} (default 200,000) exchanges over a year between 20 member
 * states of very different sizes (envelopes, their references and delivery attempts, as the exchange writes them)
 * and five audit records per exchange (1,000,000 by default: received, delivered, acknowledged, status changed, and
 * one administrative record), hash-chained, into the embedded MariaDB with LOAD DATA LOCAL INFILE.
 *
 * <p>Then times, through the boundaries the console calls ({@link MessageLog}, {@link AuditLog}; each call in its own
 * transaction, with the record the log appends about the query and the commit), exactly the calls the console's
 * {@code KeysetPager} makes: the first page; the count the Messages paginator shows; a page deep in the result (the
 * keyset read that "next" or "previous" makes at the middle of the log); the last page (the first page of the other
 * order); and the first page and count of every filter of both pages. The audit log's exact counts are timed too,
 * though the Audit-log page does not ask them (they are why it does not). Prints p50/p95 and the ratio to a baseline measured
 * the same way in the same run: one envelope by primary key. Asserts only that the answers are right, never a time.
 *
 * <pre>mvn -o -pl hub-ejb -am verify -Pbenchmark -Dit.test=ConsoleQueryBenchmark -Dtest=none
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dsurefire.failIfNoSpecifiedTests=false
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.exchanges=200000] [-Dbench.runs=40]</pre>
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class ConsoleQueryBenchmark {

    private static final int EXCHANGES = Integer.getInteger("bench.exchanges", 200_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 40);
    private static final int WARMUP = 5;
    private static final int PAGE = 25;
    /** What the Messages page counts up to (MessagesPage.EXACT_UP_TO). */
    private static final long COUNT_UP_TO = Long.getLong("bench.countUpTo", 10_000);
    private static final int CHUNK = 50_000;
    private static final String[] ADMIN_ACTIONS = {"LOGIN", "AUDIT_QUERIED", "MESSAGE_LOG_QUERIED", "LOGIN_FAILED",
        "GATEWAY_SUSPENDED"};
    private static final String[] EXCHANGE_ACTIONS = {"DOCUMENT_RECEIVED", "DELIVERY_ATTEMPTED",
        "DELIVERY_ACKNOWLEDGED", "DOCUMENT_STATUS_CHANGED"};
    private static final AuthenticatedUser AUDITOR = new AuthenticatedUser("bench-auditor", Role.AUDITOR, null);
    private static final DateTimeFormatter SQL_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String SHA = "0123456789abcdef".repeat(4);


    private final Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Instant start = end.minus(Duration.ofDays(365));
    private final long records = 5L * EXCHANGES;
    private final String[] senders = new String[EXCHANGES];
    private final String[] recipients = new String[EXCHANGES];
    /** Exchanges between two of the twelve smallest member states (0.5-2.5 % of the traffic each). */
    private final int[] smallPairs = new int[EXCHANGES];
    private int smallPairCount;

    @Test
    void whatTheConsolesLazyTablesAskForOnePage(EmbeddedDatabase database) throws Exception {
        MysqlDataSource loader = new MysqlDataSource();
        loader.setUrl(database.jdbcUrl() + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&allowLoadLocalInfile=true&rewriteBatchedStatements=true");
        loader.setUser(database.user());
        loader.setPassword("");
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL innodb_buffer_pool_size = " + Long.getLong("bench.bufferPool", 1L << 30));
        }
        long seedStart = System.nanoTime();
        seed(loader);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        if (Boolean.getBoolean("bench.explain")) {
            explain(loader);
        }

        try (Connection physical = loader.getConnection();
                TestPersistence persistence = TestPersistence.of(reusing(physical), AuditRecord.class,
                        AuditHead.class, AuditCheckpoint.class, ExchangeMessage.class, StoredReference.class,
                        MessagePayload.class, DeliveryAttempt.class, CoRecord.class, CoStatusChange.class,
                        LegalHold.class)) {
            AuditTrail trail = new AuditTrail();
            MessageLog messages = new MessageLog();
            set(messages, "trail", trail);
            AuditLog audit = new AuditLog();
            set(audit, "trail", trail);
            Bench bench = new Bench(persistence, trail, messages, audit);
            SplittableRandom random = new SplittableRandom(7);

            Map<String, IntFunction<Object>> cases = new LinkedHashMap<>();
            cases.put("baseline: one envelope by primary key", i -> persistence.inTransaction((EntityManager em) ->
                    em.find(ExchangeMessage.class, 1L + random.nextInt(EXCHANGES))));

            // --- the Messages page
            cases.put("messages: first page", i -> bench.page(MessageFilter.none(), null, true, PAGE));
            cases.put("messages: count", i -> bench.count(MessageFilter.none(), EXCHANGES));
            cases.put("messages: page at the middle (next/prev)", i -> {
                int id = EXCHANGES / 4 + random.nextInt(EXCHANGES / 2);
                return bench.page(MessageFilter.none(), cursor(id), true, PAGE);
            });
            cases.put("messages: last page", i -> bench.page(MessageFilter.none(), null, false, PAGE));
            Map<String, IntFunction<MessageFilter>> filters = new LinkedHashMap<>();
            filters.put("member, busy (KE TZ UG)", i -> filter(null, MEMBERS[i % 3], null, null, null));
            filters.put("member, small (MZ..LS)", i -> filter(null, MEMBERS[15 + i % 5], null, null, null));
            filters.put("member + counterpart", i -> {
                int x = random.nextInt(EXCHANGES);
                return filter(null, senders[x], recipients[x], null, null);
            });
            filters.put("sender", i -> filter(null, null, null, MEMBERS[i % MEMBERS.length], null));
            filters.put("recipient", i -> filter(null, null, null, null, MEMBERS[i % MEMBERS.length]));
            filters.put("sender + recipient (seen pair)", i -> {
                int x = random.nextInt(EXCHANGES);
                return filter(null, null, null, senders[x], recipients[x]);
            });
            filters.put("sender + recipient (pair of small members)", i -> {
                int x = smallPairs[random.nextInt(smallPairCount)];
                return filter(null, null, null, senders[x], recipients[x]);
            });
            filters.put("a random week", i -> filter(week(random), null, null, null, null));
            filters.put("member + a random week", i -> filter(week(random), MEMBERS[i % MEMBERS.length], null, null,
                    null));
            filters.put("sender + a random week", i -> filter(week(random), null, null, MEMBERS[i % MEMBERS.length],
                    null));
            filters.put("status FAILED_DELIVERY", i -> status(DeliveryStatus.FAILED_DELIVERY));
            filters.put("status DELIVERED", i -> status(DeliveryStatus.DELIVERED));
            filters.put("type VERIFICATION_REQUEST", i -> type(DocumentType.VERIFICATION_REQUEST));
            filters.put("type BUSINESS_RESPONSE", i -> type(DocumentType.BUSINESS_RESPONSE));
            filters.put("member + status FAILED_DELIVERY", i -> new MessageFilter(null, null, MEMBERS[i % 3], null,
                    null, null, null, null, null, DeliveryStatus.FAILED_DELIVERY));
            filters.put("CO number", i -> new MessageFilter(null, null, null, null, null, null,
                    coNumber(random.nextInt(EXCHANGES)), null, null, null));
            filters.put("tracking number", i -> new MessageFilter(null, null, null, null, null, null, null,
                    trackingNumber(random.nextInt(EXCHANGES)), null, null));
            for (Map.Entry<String, IntFunction<MessageFilter>> f : filters.entrySet()) {
                cases.put("messages: " + f.getKey() + ", first page", i -> bench.page(f.getValue().apply(i), null,
                        true, PAGE));
                cases.put("messages: " + f.getKey() + ", count", i -> bench.count(f.getValue().apply(i), -1));
            }
            cases.put("messages: member busy, last page", i -> bench.page(filter(null, MEMBERS[i % 3], null, null,
                    null), null, false, PAGE));

            // --- the Audit-log page
            cases.put("audit: first page", i -> bench.audit(AuditFilter.none(), null, true));
            cases.put("audit: page at the middle (next/prev)", i -> bench.audit(AuditFilter.none(),
                    records / 4 + random.nextLong(records / 2), true));
            cases.put("audit: oldest first (the other end)", i -> bench.audit(AuditFilter.none(), null, false));
            Map<String, IntFunction<AuditFilter>> auditFilters = new LinkedHashMap<>();
            auditFilters.put("member, busy (KE TZ UG)", i -> auditFilter(null, MEMBERS[i % 3], null, null));
            auditFilters.put("member, small (MZ..LS)", i -> auditFilter(null, MEMBERS[15 + i % 5], null, null));
            auditFilters.put("action", i -> auditFilter(null, null, EXCHANGE_ACTIONS[i % EXCHANGE_ACTIONS.length],
                    null));
            auditFilters.put("outcome REJECTED", i -> new AuditFilter(null, null, null, null, null, Outcome.REJECTED,
                    null, null, null));
            auditFilters.put("actor", i -> auditFilter(null, null, null, "user-" + i % 50));
            auditFilters.put("a random week", i -> auditFilter(week(random), null, null, null));
            auditFilters.put("member + a random week", i -> auditFilter(week(random), MEMBERS[i % MEMBERS.length],
                    null, null));
            auditFilters.put("tracking number", i -> new AuditFilter(null, null, null, null, null, null, null,
                    trackingNumber(random.nextInt(EXCHANGES)), null));
            auditFilters.put("CO number", i -> new AuditFilter(null, null, null, null, null, null, null, null,
                    coNumber(random.nextInt(EXCHANGES))));
            for (Map.Entry<String, IntFunction<AuditFilter>> f : auditFilters.entrySet()) {
                cases.put("audit: " + f.getKey() + ", first page", i -> bench.audit(f.getValue().apply(i), null,
                        true));
            }
            cases.put("audit: member busy, oldest first", i -> bench.audit(auditFilter(null, MEMBERS[i % 3], null,
                    null), null, false));

            // every case warmed up before any is timed (the first ones would otherwise pay for the JIT)
            for (IntFunction<Object> c : cases.values()) {
                for (int i = 0; i < WARMUP; i++) {
                    c.apply(i);
                }
            }
            Map<String, double[]> results = new LinkedHashMap<>();
            for (Map.Entry<String, IntFunction<Object>> c : cases.entrySet()) {
                results.put(c.getKey(), time(c.getValue()));
            }
            double baseline = results.values().iterator().next()[0];
            System.out.printf("%nConsole query benchmark: %,d exchanges and %,d audit records seeded in %.0f s "
                    + "(embedded MariaDB 10.11, buffer pool %d MB), %d runs per case; a page is %d rows through "
                    + "MessageLog/AuditLog (query + the log's own record of it + commit)%n", EXCHANGES, records,
                    seedSeconds, Long.getLong("bench.bufferPool", 1L << 30) >> 20, RUNS, PAGE);
            System.out.printf("  %-58s %9s %9s %13s%n", "case", "p50 ms", "p95 ms", "p50/baseline");
            for (Map.Entry<String, double[]> r : results.entrySet()) {
                System.out.printf("  %-58s %9.2f %9.2f %12.1fx%n", r.getKey(), r.getValue()[0], r.getValue()[1],
                        r.getValue()[0] / baseline);
            }
        }
    }

    /** With -Dbench.explain=true: the plans of the message log's statement shapes (to choose indexes). */
    private void explain(DataSource loader) throws SQLException {
        String t = "'" + SQL_MICROS.format(received(EXCHANGES / 2)) + "'";
        String order = " ORDER BY received_at DESC, id DESC LIMIT 26";
        String[] statements = {
            "SELECT id FROM exchange_message WHERE 1 = 1" + order,
            "SELECT id FROM exchange_message WHERE 1 = 1 AND (received_at < " + t + " OR (received_at = " + t
                + " AND id < 5)) " + order,
            "SELECT COUNT(*) FROM exchange_message WHERE 1 = 1",
            "SELECT id FROM exchange_message WHERE 1 = 1 AND sender_member = 'KE'" + order,
            "SELECT id FROM exchange_message WHERE 1 = 1 AND sender_member = 'MZ' AND recipient_member = 'LS'" + order,
            "SELECT COUNT(*) FROM exchange_message WHERE 1 = 1 AND delivery_status = 'DELIVERED'",
            "SELECT id FROM exchange_message WHERE 1 = 1 AND document_type = 'VERIFICATION_REQUEST'" + order,
            "SELECT COUNT(*) FROM exchange_message WHERE 1 = 1 AND document_type = 'VERIFICATION_REQUEST'",
            "SELECT id FROM (SELECT id, received_at FROM exchange_message WHERE sender_member = 'KE' AND "
                + "delivery_status = 'FAILED_DELIVERY'" + order + ") m",
            "SELECT COUNT(*) FROM exchange_message WHERE sender_member = 'KE' AND delivery_status = 'DELIVERED'",
        };
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                System.out.println("EXPLAIN " + sql);
                try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
                    while (rs.next()) {
                        System.out.printf("    %s %s key=%s rows=%s extra=%s%n", rs.getString("table"),
                                rs.getString("type"), rs.getString("key"), rs.getString("rows"),
                                rs.getString("Extra"));
                    }
                }
            }
        }
    }

    /** The calls, each in its own transaction as a console request makes it. */
    private record Bench(TestPersistence persistence, AuditTrail trail, MessageLog messages, AuditLog audit) {

        MessagePage page(MessageFilter filter, String after, boolean newestFirst, int limit) {
            return persistence.inTransaction((EntityManager em) -> {
                bind(em);
                MessagePage page = messages.search(AUDITOR, filter, after, limit, newestFirst);
                assertThat(page.messages()).isNotEmpty();
                return page;
            });
        }

        long count(MessageFilter filter, long expected) {
            long count = persistence.inTransaction((EntityManager em) -> {
                bind(em);
                return messages.count(AUDITOR, filter, COUNT_UP_TO);
            });
            assertThat(count).isPositive();
            if (expected >= 0) {
                assertThat(count).isEqualTo(Math.min(expected, COUNT_UP_TO + 1));
            }
            return count;
        }

        AuditPage audit(AuditFilter filter, Long after, boolean newestFirst) {
            return persistence.inTransaction((EntityManager em) -> {
                bind(em);
                AuditPage page = audit.search(AUDITOR, filter, after, PAGE, newestFirst);
                assertThat(page.records()).isNotEmpty();
                return page;
            });
        }

        private void bind(EntityManager em) {
            set(trail, "em", em);
            set(messages, "em", em);
            set(audit, "em", em);
        }
    }

    private double[] time(IntFunction<Object> work) {
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            work.apply(i);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] {millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.95) - 1]};
    }

    private static MessageFilter filter(Instant from, String member, String counterpart, String sender,
            String recipient) {
        return new MessageFilter(from, from == null ? null : from.plus(Duration.ofDays(7)), member, counterpart,
                sender, recipient, null, null, null, null);
    }

    private static MessageFilter status(DeliveryStatus status) {
        return new MessageFilter(null, null, null, null, null, null, null, null, null, status);
    }

    private static MessageFilter type(DocumentType type) {
        return new MessageFilter(null, null, null, null, null, null, null, null, type, null);
    }

    private static AuditFilter auditFilter(Instant from, String member, String action, String actor) {
        return new AuditFilter(from, from == null ? null : from.plus(Duration.ofDays(7)), member, null, action, null,
                actor, null, null);
    }

    private Instant week(SplittableRandom random) {
        return start.plusSeconds(random.nextLong(Duration.ofDays(358).toSeconds()));
    }

    /** The keyset cursor of envelope {@code id} as MessageLog writes it: epoch microseconds, dash, id. */
    private String cursor(int id) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, received(id - 1)) + "-" + id;
    }

    // --- seeding ---------------------------------------------------------------------------------------------

    private Instant received(int exchange) {
        return start.plusNanos((long) ((double) exchange / EXCHANGES * Duration.between(start, end).toNanos()))
                .truncatedTo(ChronoUnit.MICROS);
    }

    private static String coNumber(int exchange) {
        return "CO/" + exchange % 97 + "/" + exchange;
    }

    private static String trackingNumber(int exchange) {
        return "OH-" + Long.toString(exchange * 2_654_435_761L & 0xffffffffffL, 36).toUpperCase() + "-" + exchange;
    }

    private void seed(DataSource loader) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        try (Connection c = loader.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET foreign_key_checks = 0");
            s.execute("SET unique_checks = 0");
            String now = SQL_MICROS.format(start);
            for (int m = 0; m < MEMBERS.length; m++) {
                s.execute("INSERT INTO member_state (code, name, status, created_at, status_changed_at) VALUES ('"
                        + MEMBERS[m] + "', 'Member " + MEMBERS[m] + "', 'ACTIVE', '" + now + "', '" + now + "')");
                s.execute("INSERT INTO gateway (id, member_code, name, delivery_mode, endpoint_url, status, "
                        + "created_at, status_changed_at) VALUES (" + (1000 + m) + ", '" + MEMBERS[m] + "', 'gw', '"
                        + (m % 4 == 3 ? "PULL', NULL" : "PUSH', 'https://gw." + MEMBERS[m].toLowerCase()
                                + ".example/hub'") + ", 'ACTIVE', '" + now + "', '" + now + "')");
            }
            long t0 = System.nanoTime();
            StringBuilder messages = new StringBuilder(CHUNK * 400);
            StringBuilder attempts = new StringBuilder(CHUNK * 120);
            StringBuilder references = new StringBuilder(CHUNK * 60);
            long attemptId = 0;
            for (int x = 0; x < EXCHANGES; x++) {
                int r = random.nextInt(1000);
                String type;
                String function = "NEW";
                String issuer;
                String sender = member(random);
                String recipient;
                do {
                    recipient = member(random);
                } while (recipient.equals(sender));
                senders[x] = sender;
                recipients[x] = recipient;
                if (Arrays.asList(MEMBERS).indexOf(sender) >= 8 && Arrays.asList(MEMBERS).indexOf(recipient) >= 8) {
                    smallPairs[smallPairCount++] = x;
                }
                if (r < 500) {
                    type = "CERTIFICATE_OF_ORIGIN";
                } else if (r < 530) {
                    type = "CERTIFICATE_OF_ORIGIN";
                    function = "REPLACE";
                } else if (r < 550) {
                    type = "CERTIFICATE_OF_ORIGIN";
                    function = "CANCEL";
                } else if (r < 950) {
                    type = "BUSINESS_RESPONSE";
                } else if (r < 975) {
                    type = "VERIFICATION_REQUEST";
                } else {
                    type = "VERIFICATION_RESPONSE";
                }
                boolean fromIssuer = type.equals("CERTIFICATE_OF_ORIGIN") || type.equals("VERIFICATION_RESPONSE");
                issuer = fromIssuer ? sender : recipient;
                int s2 = random.nextInt(1000);
                String status = x >= EXCHANGES - 200 ? "PENDING_DELIVERY" : s2 < 10 ? "FAILED_DELIVERY"
                        : s2 < 40 ? "DELIVERED_WITH_WARNINGS" : s2 < 45 ? "DELIVERED_NOT_READABLE" : "DELIVERED";
                int gateway = 1000 + Arrays.asList(MEMBERS).indexOf(recipient);
                String mode = (gateway - 1000) % 4 == 3 ? "PULL" : "PUSH";
                Instant at = received(x);
                int tries = status.equals("FAILED_DELIVERY") ? 6 : status.equals("PENDING_DELIVERY") ? 0
                        : random.nextInt(10) == 0 ? 2 : 1;
                Instant last = at.plusSeconds(tries * 30L);
                String ack = switch (status) {
                    case "DELIVERED" -> "OK";
                    case "DELIVERED_WITH_WARNINGS" -> "OK_WITH_WARNINGS";
                    case "DELIVERED_NOT_READABLE" -> "NOT_READABLE";
                    default -> null;
                };
                tsv(messages, x + 1, trackingNumber(x), sender, recipient, "EAC-AFCFTA", type, function, issuer,
                        coNumber(x), "MSG-" + x, type.equals("BUSINESS_RESPONSE") ? "ACCEPTED" : null,
                        type.equals("VERIFICATION_RESPONSE") ? "CONFIRMED" : null,
                        function.equals("REPLACE") ? coNumber(Math.max(0, x - 1)) : null,
                        type.startsWith("VERIFICATION") ? "VR-" + x : null,
                        type.equals("CERTIFICATE_OF_ORIGIN") ? function : null, 1000 + Arrays.asList(MEMBERS)
                                .indexOf(sender), SHA, gateway, mode, "application/xml", SHA, 4000 + x % 3000,
                        SQL_MICROS.format(at), status, tries, tries == 0 ? null : SQL_MICROS.format(at.plusSeconds(
                                30)), tries == 0 ? null : SQL_MICROS.format(last), ack, ack == null ? null
                                : SQL_MICROS.format(last), status.equals("FAILED_DELIVERY") ? SQL_MICROS.format(last)
                                : null);
                for (int a = 1; a <= tries; a++) {
                    boolean ok = a == tries && !status.equals("FAILED_DELIVERY");
                    tsv(attempts, ++attemptId, x + 1, a, mode, SQL_MICROS.format(at.plusSeconds(a * 30L)),
                            !ok ? "FAILED" : mode.equals("PULL") ? "PULLED" : "ACKNOWLEDGED",
                            ok ? null : "connection refused", "node-1");
                }
                if (!function.equals("NEW") || !type.equals("CERTIFICATE_OF_ORIGIN")) {
                    tsv(references, x + 1, 0, null, coNumber(Math.max(0, x - 1)));
                }
                if ((x + 1) % CHUNK == 0 || x == EXCHANGES - 1) {
                    load(s, messages, "exchange_message (id, tracking_number, sender_member, recipient_member, "
                            + "agreement_code, document_type, document_function, issuer_member, co_number, "
                            + "sender_message_id, response_kind, verification_result, replaced_co_number, "
                            + "request_number, co_function, sender_gateway_id, sender_certificate, "
                            + "recipient_gateway_id, delivery_mode, media_type, payload_sha256, payload_size, "
                            + "received_at, delivery_status, attempts, first_attempt_at, last_attempt_at, ack_kind, "
                            + "acknowledged_at, failed_at)");
                    load(s, attempts, "delivery_attempt (id, message_id, attempt_number, kind, attempted_at, "
                            + "outcome, detail, node)");
                    load(s, references, "exchange_reference (message_id, ref_index, tracking_number, co_number)");
                }
            }
            System.out.printf("  loaded %,d exchanges and %,d delivery attempts in %.0f s%n", EXCHANGES, attemptId,
                    (System.nanoTime() - t0) / 1e9);
            // the audit records' secondary indexes (whatever the migrations define) are built once after the load
            List<String> indexes = new ArrayList<>();
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
            t0 = System.nanoTime();
            String previous = AuditCanonicalForm.GENESIS;
            Instant lastTime = start;
            StringBuilder rows = new StringBuilder(CHUNK * 5 * 400);
            long seq = 0;
            for (int x = 0; x < EXCHANGES; x++) {
                Instant at = received(x);
                for (int step = 0; step < 5; step++) {
                    AuditEntry entry;
                    if (step == 4) {
                        String action = ADMIN_ACTIONS[random.nextInt(ADMIN_ACTIONS.length)];
                        String who = "user-" + random.nextInt(50);
                        entry = new AuditEntry("USER", who, null, action, action.endsWith("FAILED")
                                ? Outcome.REJECTED : Outcome.SUCCESS, "User", who, null, null, null, null, "bench");
                    } else {
                        boolean hub = step == 1 || step == 3;
                        String actorMember = step == 2 ? recipients[x] : senders[x];
                        entry = new AuditEntry(hub ? "HUB" : "GATEWAY", hub ? "hub" : "gw-" + actorMember,
                                hub ? null : actorMember, EXCHANGE_ACTIONS[step], Outcome.SUCCESS, "ExchangeMessage",
                                trackingNumber(x), trackingNumber(x), coNumber(x), senders[x], recipients[x],
                                "payload sha256 " + SHA);
                    }
                    Instant time = at.plusMillis(step * 10L);
                    seq++;
                    String hash = AuditCanonicalForm.hash(seq, time, entry, previous);
                    tsv(rows, seq, SQL_MICROS.format(time), entry.actorKind(), entry.actor(), entry.actorMember(),
                            entry.action(), entry.outcome().name(), entry.objectType(), entry.objectId(),
                            entry.trackingNumber(), entry.coNumber(), entry.senderMember(), entry.recipientMember(),
                            entry.detail(), previous, hash);
                    previous = hash;
                    lastTime = time;
                }
                if ((x + 1) % CHUNK == 0 || x == EXCHANGES - 1) {
                    load(s, rows, "audit_record (seq, recorded_at, actor_kind, actor, actor_member, action, outcome, "
                            + "object_type, object_id, tracking_number, co_number, sender_member, recipient_member, "
                            + "detail, prev_hash, hash)");
                }
            }
            s.execute("ALTER TABLE audit_record " + String.join(", ", indexes));
            s.execute("UPDATE audit_head SET seq = " + seq + ", hash = '" + previous + "', recorded_at = '"
                    + SQL_MICROS.format(lastTime) + "'");
            System.out.printf("  loaded %,d audit records in %.0f s%n", seq, (System.nanoTime() - t0) / 1e9);
            s.execute("SET foreign_key_checks = 1");
            s.execute("SET unique_checks = 1");
            s.execute("ANALYZE TABLE exchange_message, delivery_attempt, exchange_reference, audit_record");
        }
    }

    private static void tsv(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : "\t").append(values[i] == null ? "\\N" : values[i].toString());
        }
        out.append('\n');
    }

    /** {@code into} is "table (columns)". */
    private static void load(Statement s, StringBuilder rows, String into) throws SQLException {
        if (rows.length() == 0) {
            return;
        }
        ((JdbcStatement) s.unwrap(JdbcStatement.class)).setLocalInfileInputStream(new ByteArrayInputStream(
                rows.toString().getBytes(StandardCharsets.UTF_8)));
        int columns = into.indexOf(' ');
        s.execute("LOAD DATA LOCAL INFILE 'generated' INTO TABLE " + into.substring(0, columns)
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
                + into.substring(columns));
        rows.setLength(0);
    }
}
