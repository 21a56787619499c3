package org.originhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.boundary.CheckpointPage;
import org.originhub.hub.audit.boundary.CheckpointView;
import org.originhub.hub.audit.boundary.Checkpoints;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.control.AuditCheckpointForm;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.ChainVerification;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.TestPersistence;

/**
 * Signed checkpoints against the embedded MariaDB: when they are taken, that one head gets one checkpoint whatever
 * the number of nodes, and that they catch what the chain alone cannot (a consistent rewrite of every hash, a forged
 * or deleted checkpoint, records removed from the end together with the head). Every tampering is undone afterwards:
 * the database is shared by the whole test run.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class CheckpointsIT {

    static final AuthenticatedUser ADMIN = new AuthenticatedUser("sec-admin", Role.SECRETARIAT_ADMIN, null);
    static final AuthenticatedUser AUDITOR = new AuthenticatedUser("aud", Role.AUDITOR, null);
    static final AuthenticatedUser KE_AUDITOR = new AuthenticatedUser("ke-aud", Role.MEMBER_AUDITOR, "KE");
    static final AuthenticatedUser OPERATOR = new AuthenticatedUser("op", Role.OPERATOR, null);

    private static TestPersistence persistence;
    private static DataSource db;

    @BeforeAll
    static void setUp(DataSource dataSource) {
        db = dataSource;
        persistence = TestPersistence.of(dataSource, AuditRecord.class, AuditHead.class, AuditCheckpoint.class);
    }

    @AfterAll
    static void tearDown() {
        persistence.close();
    }

    /** The audit boundaries of one hub node, wired by hand onto one EntityManager per transaction. */
    static final class Node {
        final AuditTrail trail = new AuditTrail();
        final AuditLog log = new AuditLog();
        final Checkpoints checkpoints = new Checkpoints();

        Node(Duration period, Clock clock) {
            set(checkpoints, "trail", trail);
            set(checkpoints, "signer", TestCheckpointSigner.HUB);
            set(checkpoints, "period", period.toString());
            set(checkpoints, "earlierSigners", Optional.empty());
            set(checkpoints, "clock", clock);
            set(log, "trail", trail);
            set(log, "checkpoints", checkpoints);
        }

        Node() {
            this(Duration.ofMinutes(10), Clock.systemUTC());
        }

        <T> T run(TestPersistence persistence, java.util.function.Supplier<T> work) {
            return persistence.inTransaction((EntityManager em) -> {
                set(trail, "em", em);
                set(log, "em", em);
                set(checkpoints, "em", em);
                return work.get();
            });
        }
    }

    @Test
    void aCheckpointSignsTheHeadThatItsOwnRecordBecomesAndVerifies() {
        Node node = new Node();
        append(node, "CO_SUBMITTED");

        CheckpointView taken = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));

        AuditRecord record = find(taken.seq());
        assertThat(taken.seq()).isEqualTo(head());
        assertThat(record.entry().action()).isEqualTo("AUDIT_CHECKPOINT");
        assertThat(record.entry().actor()).isEqualTo("sec-admin");
        assertThat(taken.hash()).isEqualTo(record.hash());
        assertThat(taken.createdAt()).isEqualTo(AuditCanonicalForm.formatTime(record.recordedAt()));
        assertThat(taken.signerFingerprint()).isEqualTo(TestCheckpointSigner.HUB.fingerprint());
        assertThat(AuditCheckpointForm.signatureProblem(taken.seq(), taken.hash(), record.recordedAt(),
                taken.signatureAlgorithm(), java.util.Base64.getDecoder().decode(taken.signature()),
                taken.signerFingerprint(), java.util.Base64.getDecoder().decode(taken.signerCertificate()))).isNull();
        ChainVerification verified = verify(node);
        assertThat(verified.intact()).as(verified.problem()).isTrue();
        assertThat(verified.lastCheckpointSeq()).isEqualTo(taken.seq());
        assertThat(verified.checkpoints()).isGreaterThanOrEqualTo(1);
        assertThat(node.run(persistence, node.checkpoints::latest)).contains(taken);
    }

    @Test
    void aScheduledCheckpointComesOnlyAfterThePeriodAndOnlyWhenRecordsArrived() {
        Node now = new Node();
        now.run(persistence, () -> now.checkpoints.checkpointNow(ADMIN));
        Node later = new Node(Duration.ofMinutes(10), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11)));

        assertThat(now.run(persistence, now.checkpoints::checkpointIfDue)).as("nothing new").isEmpty();
        assertThat(later.run(persistence, later.checkpoints::checkpointIfDue)).as("idle: only the checkpoint's own "
                + "record since the last checkpoint").isEmpty();
        append(now, "CO_SUBMITTED");
        assertThat(now.run(persistence, now.checkpoints::checkpointIfDue)).as("new record, period not over")
                .isEmpty();

        Optional<CheckpointView> due = later.run(persistence, later.checkpoints::checkpointIfDue);

        assertThat(due).isPresent();
        assertThat(due.get().seq()).isEqualTo(head());
        assertThat(find(due.get().seq()).entry().actorKind()).isEqualTo("HUB");
        assertThat(find(due.get().seq()).entry().detail()).contains("scheduled, period PT10M");
        assertThat(later.run(persistence, later.checkpoints::checkpointIfDue)).as("right after it").isEmpty();
    }

    @Test
    void twoNodesRacingForTheSameHeadTakeOneCheckpoint() throws Exception {
        append(new Node(), "CO_SUBMITTED");
        Clock late = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Optional<CheckpointView>>> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Node node = new Node(Duration.ofMinutes(10), late);
            nodes.add(() -> {
                start.await();
                return node.run(persistence, node.checkpoints::checkpointIfDue);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Optional<CheckpointView>>> results = new ArrayList<>();
            for (Callable<Optional<CheckpointView>> node : nodes) {
                results.add(pool.submit(node));
            }
            start.countDown();
            int taken = 0;
            for (Future<Optional<CheckpointView>> result : results) {
                taken += result.get().isPresent() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(verify(new Node()).intact()).isTrue();
    }

    @Test
    void onlyTheSecretariatTakesACheckpointAndAnyAuditorListsThem() {
        Node node = new Node();
        CheckpointView taken = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));
        long before = head();

        for (AuthenticatedUser refused : List.of(AUDITOR, KE_AUDITOR, OPERATOR)) {
            assertThatThrownBy(() -> node.run(persistence, () -> node.checkpoints.checkpointNow(refused)))
                    .isInstanceOf(AuditAccessRefusedException.class);
        }
        CheckpointPage page = node.run(persistence, () -> node.checkpoints.list(KE_AUDITOR, null, 1));
        assertThat(page.checkpoints()).extracting(CheckpointView::seq).containsExactly(taken.seq());
        assertThat(page.next()).isEqualTo(taken.seq());
        assertThat(node.run(persistence, () -> node.checkpoints.list(AUDITOR, page.next(), 500)).checkpoints())
                .allSatisfy(c -> assertThat(c.seq()).isLessThan(taken.seq()));
        assertThat(find(head()).entry().action()).as("listing is recorded").isEqualTo("AUDIT_QUERIED");
        assertThat(head()).isGreaterThan(before);
        assertThatThrownBy(() -> node.run(persistence, () -> node.checkpoints.list(OPERATOR, null, 10)))
                .isInstanceOf(AuditAccessRefusedException.class);
    }

    @Test
    void aConsistentRewriteOfTheWholeChainIsCaughtByTheCheckpoint() throws SQLException {
        Node node = new Node();
        append(node, "CO_SUBMITTED");
        long victim = head();
        CheckpointView checkpoint = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));
        append(node, "CO_DELIVERED");
        List<AuditRecord> original = records(victim);

        // What a DBA who knows the canonical form does: change one record, recompute every hash after it, move the
        // chain head along. The chain alone is perfect again.
        rewriteFrom(victim, "rewritten by a DBA", original);
        try {
            ChainVerification result = verify(node);

            assertThat(result.intact()).isFalse();
            assertThat(result.badCheckpoint()).isEqualTo(checkpoint.seq());
            assertThat(result.brokenAt()).isEqualTo(checkpoint.seq());
            assertThat(result.problem()).contains("not the record the hub signed").contains("rewritten");
            assertThat(result.headSeq()).isLessThan(victim);
        } finally {
            restore(original);
        }
        assertThat(verify(node).intact()).isTrue();
    }

    @Test
    void aForgedCheckpointSignatureIsDetected() throws SQLException {
        Node node = new Node();
        CheckpointView checkpoint = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));
        byte[] original = java.util.Base64.getDecoder().decode(checkpoint.signature());
        byte[] forged = original.clone();
        forged[10] ^= 0x01;

        asDba("audit_checkpoint_no_update", "UPDATE", "audit_checkpoint", "UPDATE audit_checkpoint SET signature = ? "
                + "WHERE seq = " + checkpoint.seq(), forged);
        try {
            ChainVerification result = verify(node);

            assertThat(result.intact()).isFalse();
            assertThat(result.badCheckpoint()).isEqualTo(checkpoint.seq());
            assertThat(result.problem()).contains("does not verify");
        } finally {
            asDba("audit_checkpoint_no_update", "UPDATE", "audit_checkpoint", "UPDATE audit_checkpoint SET signature "
                    + "= ? WHERE seq = " + checkpoint.seq(), original);
        }
        assertThat(verify(node).intact()).isTrue();
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsAForgeryEvenIfItsSignatureIsValid() throws SQLException {
        Node node = new Node();
        CheckpointView checkpoint = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));
        TestCheckpointSigner attacker = new TestCheckpointSigner("CN=Test hub key");
        AuditRecord record = find(checkpoint.seq());
        byte[] signature = attacker.sign(AuditCheckpointForm.signedBytes(record.seq(), record.hash(),
                record.recordedAt()));
        byte[][] original = {java.util.Base64.getDecoder().decode(checkpoint.signature()),
            java.util.Base64.getDecoder().decode(checkpoint.signerCertificate())};

        replaceSigner(checkpoint.seq(), signature, attacker.fingerprint(), attacker.der());
        try {
            ChainVerification result = verify(node);

            assertThat(result.badCheckpoint()).isEqualTo(checkpoint.seq());
            assertThat(result.problem()).contains("not the hub's").contains(attacker.fingerprint());
        } finally {
            replaceSigner(checkpoint.seq(), original[0], checkpoint.signerFingerprint(), original[1]);
        }
        assertThat(verify(node).intact()).isTrue();
    }

    @Test
    void aDeletedCheckpointIsFoundThroughTheRecordOfIt() throws SQLException {
        Node node = new Node();
        CheckpointView checkpoint = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));
        append(node, "CO_SUBMITTED");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE kept_checkpoint AS SELECT * FROM audit_checkpoint WHERE seq = "
                    + checkpoint.seq());
            dropRunRecreate(s, "audit_checkpoint_no_delete", "DELETE", "audit_checkpoint",
                    "DELETE FROM audit_checkpoint WHERE seq = " + checkpoint.seq());
            try {
                ChainVerification result = verify(node);

                assertThat(result.intact()).isFalse();
                assertThat(result.badCheckpoint()).isEqualTo(checkpoint.seq());
                assertThat(result.problem()).contains("missing: deleted");
            } finally {
                s.execute("INSERT INTO audit_checkpoint SELECT * FROM kept_checkpoint");
                s.execute("DROP TEMPORARY TABLE kept_checkpoint");
            }
        }
        assertThat(verify(node).intact()).isTrue();
    }

    @Test
    void recordsDeletedFromTheEndTogetherWithTheHeadAreFoundByTheCheckpoint() throws SQLException {
        Node node = new Node();
        append(node, "CO_SUBMITTED");
        CheckpointView checkpoint = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));
        AuditRecord before = find(checkpoint.seq() - 1);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE kept_tail AS SELECT * FROM audit_record WHERE seq >= "
                    + checkpoint.seq());
            dropRunRecreate(s, "audit_record_no_delete", "DELETE", "audit_record",
                    "DELETE FROM audit_record WHERE seq >= " + checkpoint.seq());
            s.executeUpdate("UPDATE audit_head SET seq = " + before.seq() + ", hash = '" + before.hash() + "'");
            try {
                ChainVerification result = verify(node);

                assertThat(result.intact()).isFalse();
                assertThat(result.badCheckpoint()).isEqualTo(checkpoint.seq());
                assertThat(result.problem()).contains("deleted from the end");
            } finally {
                s.execute("INSERT INTO audit_record SELECT * FROM kept_tail");
                s.execute("DROP TEMPORARY TABLE kept_tail");
                try (ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")) {
                    rs.next();
                    s.executeUpdate("UPDATE audit_head SET seq = " + rs.getLong(1) + ", hash = '" + rs.getString(2)
                            + "'");
                }
            }
        }
        assertThat(verify(node).intact()).isTrue();
    }

    @Test
    void anUnfilteredJsonLinesExportCarriesEachCheckpointRightAfterItsRecord() {
        Node node = new Node();
        CheckpointView checkpoint = node.run(persistence, () -> node.checkpoints.checkpointNow(ADMIN));
        append(node, "CO_SUBMITTED");

        StringWriter out = new StringWriter();
        node.run(persistence, () -> node.log.export(AUDITOR, AuditFilter.none(), AuditExportFormat.JSONL, out));
        List<String> lines = out.toString().lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("{\"checkpoint_seq\":" + checkpoint.seq()
                + ",")).findFirst().orElseThrow());

        assertThat(lines.get(at - 1)).startsWith("{\"seq\":" + checkpoint.seq() + ",");
        assertThat(lines.get(at)).contains("\"hash\":\"" + checkpoint.hash() + "\"")
                .contains("\"signature\":\"" + checkpoint.signature() + "\"")
                .contains("\"signer_certificate\":\"" + checkpoint.signerCertificate() + "\"");
        assertThat(find(head()).entry().detail()).contains("checkpoints=");

        StringWriter filtered = new StringWriter();
        node.run(persistence, () -> node.log.export(AUDITOR, new AuditFilter(null, null, null, null, "CO_SUBMITTED",
                null, null, null, null), AuditExportFormat.JSONL, filtered));
        assertThat(filtered.toString()).doesNotContain("checkpoint_seq");
    }

    // ---------------------------------------------------------------------------------------------------------

    static void append(Node node, String action) {
        node.run(persistence, () -> node.trail.record(new AuditEntry("GATEWAY", "gw-KE", "KE", action,
                Outcome.SUCCESS, "Certificate", "co-1", "TN-1", "CO/KE/1", "KE", "TZ", "checkpoint test")));
    }

    static ChainVerification verify(Node node) {
        return node.run(persistence, node.log::verify);
    }

    static long head() {
        return persistence.inTransaction((EntityManager em) -> em.find(AuditHead.class, AuditHead.SINGLE_ROW).seq());
    }

    static AuditRecord find(long seq) {
        return persistence.inTransaction((EntityManager em) -> em.find(AuditRecord.class, seq));
    }

    static List<AuditRecord> records(long from) {
        return persistence.inTransaction((EntityManager em) -> em.createQuery(
                "SELECT r FROM AuditRecord r WHERE r.seq >= :from ORDER BY r.seq", AuditRecord.class)
                .setParameter("from", from).getResultList());
    }

    /** Changes the detail of record {@code from}, then recomputes every hash after it and moves the head along. */
    private static void rewriteFrom(long from, String detail, List<AuditRecord> original) throws SQLException {
        String prev = original.get(0).prevHash();
        List<String[]> updates = new ArrayList<>();
        for (AuditRecord r : original) {
            AuditEntry e = r.entry();
            AuditEntry entry = r.seq() != from ? e : new AuditEntry(e.actorKind(), e.actor(), e.actorMember(),
                    e.action(), e.outcome(), e.objectType(), e.objectId(), e.trackingNumber(), e.coNumber(),
                    e.senderMember(), e.recipientMember(), detail);
            String hash = AuditCanonicalForm.hash(r.seq(), r.recordedAt(), entry, prev);
            updates.add(new String[] {Long.toString(r.seq()), entry.detail(), prev, hash});
            prev = hash;
        }
        writeChain(updates, prev);
    }

    private static void restore(List<AuditRecord> original) throws SQLException {
        List<String[]> updates = new ArrayList<>();
        for (AuditRecord r : original) {
            updates.add(new String[] {Long.toString(r.seq()), r.entry().detail(), r.prevHash(), r.hash()});
        }
        writeChain(updates, original.get(original.size() - 1).hash());
    }

    private static void writeChain(List<String[]> updates, String headHash) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_record_no_update");
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE audit_record SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
                for (String[] u : updates) {
                    update.setString(1, u[1]);
                    update.setString(2, u[2]);
                    update.setString(3, u[3]);
                    update.setLong(4, Long.parseLong(u[0]));
                    update.executeUpdate();
                }
            } finally {
                s.execute(trigger("audit_record_no_update", "UPDATE", "audit_record"));
            }
            s.executeUpdate("UPDATE audit_head SET hash = '" + headHash + "'");
        }
    }

    private static void replaceSigner(long seq, byte[] signature, String fingerprint, byte[] certificate)
            throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_checkpoint_no_update");
            try (PreparedStatement update = c.prepareStatement("UPDATE audit_checkpoint SET signature = ?, "
                    + "signer_fingerprint = ?, signer_certificate = ? WHERE seq = ?")) {
                update.setBytes(1, signature);
                update.setString(2, fingerprint);
                update.setBytes(3, certificate);
                update.setLong(4, seq);
                update.executeUpdate();
            } finally {
                s.execute(trigger("audit_checkpoint_no_update", "UPDATE", "audit_checkpoint"));
            }
        }
    }

    private static void asDba(String trigger, String verb, String table, String sql, byte[] parameter)
            throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER " + trigger);
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setBytes(1, parameter);
                update.executeUpdate();
            } finally {
                s.execute(trigger(trigger, verb, table));
            }
        }
    }

    private static void dropRunRecreate(Statement s, String trigger, String verb, String table, String sql)
            throws SQLException {
        s.execute("DROP TRIGGER " + trigger);
        try {
            s.executeUpdate(sql);
        } finally {
            s.execute(trigger(trigger, verb, table));
        }
    }

    private static String trigger(String name, String verb, String table) {
        String what = table.equals("audit_record") ? "audit records" : "audit checkpoints";
        return "CREATE TRIGGER " + name + " BEFORE " + verb + " ON " + table + " FOR EACH ROW SIGNAL SQLSTATE "
                + "'45000' SET MESSAGE_TEXT = '" + what + " are append-only'";
    }

    static void set(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
