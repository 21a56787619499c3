package org.originhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditPage;
import org.originhub.hub.audit.boundary.AuditRecordView;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.boundary.Checkpoints;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.ChainVerification;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.TestPersistence;

/**
 * Verifying the chain in the database against tampering by someone with DBA rights (who can drop the append-only
 * triggers), and reading the log as the different auditor roles. Each tampering is undone afterwards: the database is
 * shared by the whole test run.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class AuditVerificationIT {

    private static final DateTimeFormatter SQL_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final AuthenticatedUser AUDITOR = new AuthenticatedUser("aud", Role.AUDITOR, null);
    private static final AuthenticatedUser KE_AUDITOR = new AuthenticatedUser("ke-aud", Role.MEMBER_AUDITOR, "KE");

    private static TestPersistence persistence;
    private static DataSource db;
    private final AuditTrail trail = new AuditTrail();
    private final AuditLog log = new AuditLog();

    @BeforeAll
    static void setUp(DataSource dataSource) {
        db = dataSource;
        persistence = TestPersistence.of(dataSource, AuditRecord.class, AuditHead.class,
                org.originhub.hub.audit.entity.AuditCheckpoint.class);
    }

    @AfterAll
    static void tearDown() {
        persistence.close();
    }

    @BeforeEach
    void someRecords() {
        set(log, "trail", trail);
        // Checkpoints other test classes took in the shared database must verify: the same test hub key.
        Checkpoints checkpoints = new Checkpoints();
        set(checkpoints, "signer", TestCheckpointSigner.HUB);
        set(checkpoints, "earlierSigners", java.util.Optional.empty());
        set(log, "checkpoints", checkpoints);
        for (String member : new String[] {"KE", "TZ", "UG", "KE"}) {
            append(new AuditEntry("GATEWAY", "gw-" + member, member, "CO_SUBMITTED", Outcome.SUCCESS, "Certificate",
                    "co-" + member, "TN-" + member, "CO/" + member + "/1", member, "RW", "detail of " + member));
        }
    }

    /**
     * The pool's connections are READ COMMITTED: without one snapshot, the pages read after a record was appended
     * would see it, and the chain would end beyond the head read first ("inserted outside the hub").
     */
    @Test
    void aRecordAppendedWhileTheChainIsReadIsNotPartOfThatVerification() {
        long before = head();
        java.util.concurrent.atomic.AtomicBoolean appended = new java.util.concurrent.atomic.AtomicBoolean();
        // Asked for the trusted signers after the head is read and before the first record: appends one then.
        org.originhub.hub.audit.boundary.CheckpointSigner appendingMidway =
                new org.originhub.hub.audit.boundary.CheckpointSigner() {
                    @Override
                    public String algorithm() {
                        return TestCheckpointSigner.HUB.algorithm();
                    }

                    @Override
                    public byte[] sign(byte[] data) {
                        return TestCheckpointSigner.HUB.sign(data);
                    }

                    @Override
                    public java.security.cert.X509Certificate certificate() {
                        if (appended.compareAndSet(false, true)) {
                            append(AuditEntry.byUser("admin", null, "LOGIN", Outcome.SUCCESS));
                        }
                        return TestCheckpointSigner.HUB.certificate();
                    }
                };
        Checkpoints checkpoints = new Checkpoints();
        set(checkpoints, "signer", appendingMidway);
        set(checkpoints, "earlierSigners", java.util.Optional.empty());
        set(log, "checkpoints", checkpoints);

        ChainVerification result = verify();

        assertThat(appended).isTrue();
        assertThat(head()).isEqualTo(before + 1);
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.headSeq()).isEqualTo(before);
        assertThat(verify().headSeq()).isEqualTo(before + 1);
    }

    @Test
    void aCleanChainVerifiesUpToTheHead() {
        ChainVerification result = verify();

        long head = head();
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.headSeq()).isEqualTo(head);
        assertThat(result.count()).isEqualTo(head);
        assertThat(result.brokenAt()).isNull();
        assertThat(result.headHash()).isEqualTo(persistence.inTransaction(
                (EntityManager em) -> em.find(AuditHead.class, AuditHead.SINGLE_ROW).hash()));
    }

    @Test
    void aRowAlteredBehindTheTriggersIsFoundAtItsSequenceNumber() throws SQLException {
        long victim = head() - 2;
        String original = detail(victim);
        asDba("audit_record_no_update", "UPDATE audit_record SET detail = 'nothing to see' WHERE seq = " + victim);
        try {
            ChainVerification result = verify();

            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(victim);
            assertThat(result.problem()).contains("altered");
            assertThat(result.headSeq()).isEqualTo(victim - 1);
        } finally {
            asDba("audit_record_no_update", "UPDATE audit_record SET detail = '" + original + "' WHERE seq = " + victim);
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aRowRewrittenWithARecomputedHashBreaksTheLinkOfTheNextRecord() throws SQLException {
        long victim = head() - 2;
        AuditRecord original = find(victim);
        AuditEntry e = original.entry();
        AuditEntry forged = new AuditEntry(e.actorKind(), e.actor(), e.actorMember(), e.action(), Outcome.REJECTED,
                e.objectType(), e.objectId(), e.trackingNumber(), e.coNumber(), e.senderMember(),
                e.recipientMember(), e.detail());
        String hash = AuditCanonicalForm.hash(victim, original.recordedAt(), forged, original.prevHash());
        asDba("audit_record_no_update", "UPDATE audit_record SET outcome = 'REJECTED', hash = '" + hash
                + "' WHERE seq = " + victim);
        try {
            ChainVerification result = verify();

            assertThat(result.brokenAt()).isEqualTo(victim + 1);
            assertThat(result.problem()).contains("does not link");
        } finally {
            asDba("audit_record_no_update", "UPDATE audit_record SET outcome = 'SUCCESS', hash = '" + original.hash()
                    + "' WHERE seq = " + victim);
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aDeletedRowIsFoundAsAGapAtItsSequenceNumber() throws SQLException {
        long victim = head() - 1;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE kept AS SELECT * FROM audit_record WHERE seq = " + victim);
            dropAndRun(s, "audit_record_no_delete", "DELETE FROM audit_record WHERE seq = " + victim);
            try {
                ChainVerification result = verify();

                assertThat(result.intact()).isFalse();
                assertThat(result.brokenAt()).isEqualTo(victim);
                assertThat(result.problem()).contains("deleted");
            } finally {
                s.execute("INSERT INTO audit_record SELECT * FROM kept");
                s.execute("DROP TEMPORARY TABLE kept");
            }
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void theNewestRowDeletedIsFoundAgainstTheChainHead() throws SQLException {
        long victim = head();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE kept AS SELECT * FROM audit_record WHERE seq = " + victim);
            dropAndRun(s, "audit_record_no_delete", "DELETE FROM audit_record WHERE seq = " + victim);
            try {
                ChainVerification result = verify();

                assertThat(result.brokenAt()).isEqualTo(victim);
                assertThat(result.problem()).contains("deleted");
            } finally {
                s.execute("INSERT INTO audit_record SELECT * FROM kept");
                s.execute("DROP TEMPORARY TABLE kept");
            }
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aForgedRowInsertedWithAPerfectLinkIsFoundBeyondTheHead() throws SQLException {
        long head = head();
        AuditRecord last = find(head);
        long forgedSeq = head + 1;
        Instant at = AuditCanonicalForm.truncate(Instant.now());
        AuditEntry forged = new AuditEntry("USER", "admin", null, "LOGIN", Outcome.SUCCESS, "User", "admin", null,
                null, null, null, null);
        String hash = AuditCanonicalForm.hash(forgedSeq, at, forged, last.hash());
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit_record (seq, recorded_at, actor_kind, actor, action, outcome, object_type, "
                        + "object_id, prev_hash, hash) VALUES (?, ?, 'USER', 'admin', 'LOGIN', 'SUCCESS', 'User', "
                        + "'admin', ?, ?)")) {
            insert.setLong(1, forgedSeq);
            insert.setString(2, SQL_MICROS.format(at)); // as text: Connector/J drops fractions of Timestamps here
            insert.setString(3, last.hash());
            insert.setString(4, hash);
            insert.executeUpdate();
        }
        try {
            ChainVerification result = verify();

            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAt()).isEqualTo(forgedSeq);
            assertThat(result.problem()).contains("beyond the hub's chain head");
        } finally {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                dropAndRun(s, "audit_record_no_delete", "DELETE FROM audit_record WHERE seq = " + forgedSeq);
            }
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void searchPagesByKeysetAndRecordsTheQueryItself() {
        AuditPage first = inLog(() -> log.search(AUDITOR, filter("KE", "CO_SUBMITTED"), null, 1, true));
        assertThat(first.records()).hasSize(1);
        assertThat(first.next()).isEqualTo(first.records().get(0).seq());
        AuditPage second = inLog(() -> log.search(AUDITOR, filter("KE", "CO_SUBMITTED"), first.next(), 1, true));
        assertThat(second.records()).hasSize(1);
        assertThat(second.records().get(0).seq()).isLessThan(first.records().get(0).seq());
        assertThat(second.records().get(0).actorMember()).isEqualTo("KE");

        AuditRecord last = find(head());
        assertThat(last.entry().action()).isEqualTo("AUDIT_QUERIED");
        assertThat(last.entry().actor()).isEqualTo("aud");
        assertThat(last.entry().detail()).contains("member=KE").contains("action=CO_SUBMITTED")
                .contains("after=" + first.next());
    }

    @Test
    void theMemberFilterFindsTheMemberAsActorSenderOrRecipientWithinATimeRangeAndPagesOldestFirst() {
        long start = head() + 1;
        append(new AuditEntry("GATEWAY", "gw-ZA", "ZA", "CO_SUBMITTED", Outcome.SUCCESS, null, null, null, null, "TZ",
                "UG", null));
        append(new AuditEntry("GATEWAY", "gw-TZ", "TZ", "CO_SUBMITTED", Outcome.SUCCESS, null, null, null, null, "ZA",
                "UG", null));
        append(new AuditEntry("GATEWAY", "gw-TZ", "TZ", "CO_SUBMITTED", Outcome.SUCCESS, null, null, null, null, "TZ",
                "UG", null));
        append(new AuditEntry("GATEWAY", "gw-UG", "UG", "CO_ACKNOWLEDGED", Outcome.SUCCESS, null, null, null, null,
                "TZ", "ZA", null));
        Instant from = find(start).recordedAt();
        AuditFilter za = new AuditFilter(from, null, "ZA", null, null, null, null, null, null);

        AuditPage first = inLog(() -> log.search(AUDITOR, za, null, 2, false));
        AuditPage second = inLog(() -> log.search(AUDITOR, za, first.next(), 2, false));
        AuditPage acks = inLog(() -> log.search(AUDITOR, new AuditFilter(from, find(start + 3).recordedAt()
                .plusNanos(1000), "ZA", null, "CO_ACKNOWLEDGED", null, null, null, null), null, 10, true));

        assertThat(first.records()).extracting(AuditRecordView::seq).containsExactly(start, start + 1);
        assertThat(second.records()).extracting(AuditRecordView::seq).containsExactly(start + 3);
        assertThat(second.next()).isNull();
        assertThat(acks.records()).extracting(AuditRecordView::seq).containsExactly(start + 3);
    }

    @Test
    void everyMemberConcernedIsIndexedOnceAndTheMemberCombinesWithActionOutcomeAndActor() throws SQLException {
        long start = head() + 1;
        append(new AuditEntry("GATEWAY", "gw-MW", "MW", "CO_SUBMITTED", Outcome.SUCCESS, null, null, null, null, "MW",
                "ZM", null));
        append(new AuditEntry("HUB", "delivery", null, "DELIVERY_ATTEMPTED", Outcome.FAILED, null, null, null, null,
                "MW", "ZM", null));
        append(new AuditEntry("GATEWAY", "gw-ZM", "ZM", "DELIVERY_ACKNOWLEDGED", Outcome.SUCCESS, null, null, null,
                null, "MW", "ZM", null));
        append(new AuditEntry("USER", "zm-admin", "ZM", "LOGIN_FAILED", Outcome.REJECTED, null, null, null, null, null,
                null, null));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT seq, member FROM audit_member WHERE seq >= " + start
                        + " ORDER BY seq, member")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) - start + ":" + rs.getString(2));
            }
            assertThat(rows).containsExactly("0:MW", "0:ZM", "1:MW", "1:ZM", "2:MW", "2:ZM", "3:ZM");
        }
        Instant from = find(start).recordedAt();
        AuditFilter zm = new AuditFilter(from, null, "ZM", null, null, null, null, null, null);
        AuditFilter zmFailed = new AuditFilter(from, null, "ZM", null, null, Outcome.FAILED, null, null, null);
        AuditFilter zmByHub = new AuditFilter(from, null, "ZM", null, null, null, "delivery", null, null);
        AuditFilter mwAck = new AuditFilter(from, null, "MW", null, "DELIVERY_ACKNOWLEDGED", null, null, null, null);
        AuditFilter zmRejectedLogin = new AuditFilter(from, null, "ZM", null, "LOGIN_FAILED", Outcome.REJECTED,
                "zm-admin", null, null);

        assertThat(inLog(() -> log.search(AUDITOR, zm, null, 10, true)).records()).extracting(AuditRecordView::seq)
                .containsExactly(start + 3, start + 2, start + 1, start);
        assertThat(inLog(() -> log.search(AUDITOR, zmFailed, null, 10, true)).records())
                .extracting(AuditRecordView::seq).containsExactly(start + 1);
        assertThat(inLog(() -> log.search(AUDITOR, zmByHub, null, 10, false)).records())
                .extracting(AuditRecordView::seq).containsExactly(start + 1);
        assertThat(inLog(() -> log.search(AUDITOR, mwAck, null, 10, true)).records())
                .extracting(AuditRecordView::seq).containsExactly(start + 2);
        assertThat(inLog(() -> log.search(AUDITOR, zmRejectedLogin, null, 10, true)).records())
                .extracting(AuditRecordView::seq).containsExactly(start + 3);
        assertThat(seqs(new AuditFilter(from, find(start + 3).recordedAt(), "ZM", null, null, null, null, null, null),
                true)).containsExactly(start + 2, start + 1, start);
    }

    @Test
    void actorAndOutcomeAloneFindTheirRecordsNewestAndOldestFirst() {
        long start = head() + 1;
        append(new AuditEntry("USER", "rare-actor", null, "LOGIN_FAILED", Outcome.REJECTED, null, null, null, null,
                null, null, null));
        append(new AuditEntry("USER", "other", null, "LOGIN", Outcome.SUCCESS, null, null, null, null, null, null,
                null));
        append(new AuditEntry("USER", "rare-actor", null, "LOGIN", Outcome.SUCCESS, null, null, null, null, null, null,
                null));
        AuditFilter actor = new AuditFilter(null, null, null, null, null, null, "rare-actor", null, null);
        AuditFilter rejected = new AuditFilter(find(start).recordedAt(), null, null, null, null, Outcome.REJECTED, null,
                null, null);

        assertThat(inLog(() -> log.search(AUDITOR, actor, null, 10, true)).records()).extracting(AuditRecordView::seq)
                .containsExactly(start + 2, start);
        assertThat(inLog(() -> log.search(AUDITOR, actor, null, 10, false)).records())
                .extracting(AuditRecordView::seq).containsExactly(start, start + 2);
        assertThat(inLog(() -> log.search(AUDITOR, rejected, null, 10, true)).records())
                .extracting(AuditRecordView::seq).containsExactly(start);
    }

    @Test
    void everyPairOfActionOutcomeAndActorAndAllThreeFindTheirRecordsNewestAndOldestFirstWithinATimeRange() {
        long start = head() + 1;
        append(new AuditEntry("HUB", "pair-hub", null, "DELIVERY_ATTEMPTED", Outcome.FAILED, null, null, null, null,
                null, null, null));
        append(new AuditEntry("HUB", "pair-hub", null, "DELIVERY_ATTEMPTED", Outcome.SUCCESS, null, null, null, null,
                null, null, null));
        append(new AuditEntry("HUB", "pair-other", null, "DELIVERY_ATTEMPTED", Outcome.FAILED, null, null, null, null,
                null, null, null));
        append(new AuditEntry("HUB", "pair-hub", null, "PAYLOAD_PURGED", Outcome.FAILED, null, null, null, null, null,
                null, null));
        append(new AuditEntry("HUB", "pair-hub", null, "DELIVERY_ATTEMPTED", Outcome.FAILED, null, null, null, null,
                null, null, null));
        Instant from = find(start).recordedAt();
        Instant to = find(start + 4).recordedAt().plusNanos(1000);
        AuditFilter actionOutcome = new AuditFilter(from, to, null, null, "DELIVERY_ATTEMPTED", Outcome.FAILED, null,
                null, null);
        AuditFilter actorAction = new AuditFilter(from, null, null, null, "DELIVERY_ATTEMPTED", null, "pair-hub",
                null, null);
        AuditFilter actorOutcome = new AuditFilter(null, to, null, null, null, Outcome.FAILED, "pair-hub", null, null);
        AuditFilter allThree = new AuditFilter(from, to, null, null, "DELIVERY_ATTEMPTED", Outcome.FAILED, "pair-hub",
                null, null);

        assertThat(seqs(actionOutcome, true)).containsExactly(start + 4, start + 2, start);
        assertThat(seqs(actionOutcome, false)).containsExactly(start, start + 2, start + 4);
        assertThat(seqs(actorAction, true)).containsExactly(start + 4, start + 1, start);
        assertThat(seqs(actorAction, false)).containsExactly(start, start + 1, start + 4);
        assertThat(seqs(actorOutcome, true)).containsExactly(start + 4, start + 3, start);
        assertThat(seqs(actorOutcome, false)).containsExactly(start, start + 3, start + 4);
        assertThat(seqs(allThree, true)).containsExactly(start + 4, start);
        assertThat(seqs(allThree, false)).containsExactly(start, start + 4);
        AuditPage first = inLog(() -> log.search(AUDITOR, allThree, null, 1, true));
        assertThat(inLog(() -> log.search(AUDITOR, allThree, first.next(), 1, true)).records())
                .extracting(AuditRecordView::seq).containsExactly(start);
    }

    @Test
    void aCounterpartIsASecondMemberStateTheRecordConcernsAndCombinesWithTheOtherFilters() throws SQLException {
        long start = head() + 1;
        append(new AuditEntry("GATEWAY", "gw-NA", "NA", "CO_SUBMITTED", Outcome.SUCCESS, null, null, "TN-NA-1",
                "CO/NA/1", "NA", "BW", null));
        append(new AuditEntry("GATEWAY", "gw-NA", "NA", "CO_SUBMITTED", Outcome.SUCCESS, null, null, "TN-NA-2",
                "CO/NA/2", "NA", "LS", null));
        append(new AuditEntry("HUB", "delivery", null, "DELIVERY_ATTEMPTED", Outcome.FAILED, null, null, "TN-NA-1",
                "CO/NA/1", "NA", "BW", null));
        append(new AuditEntry("GATEWAY", "gw-BW", "BW", "CO_ACKNOWLEDGED", Outcome.SUCCESS, null, null, "TN-NA-3",
                "CO/NA/3", "LS", "NA", null));
        append(new AuditEntry("USER", "bw-admin", "BW", "LOGIN", Outcome.SUCCESS, null, null, null, null, null, null,
                null));
        Instant from = find(start).recordedAt();
        AuditFilter between = new AuditFilter(from, null, "NA", "BW", null, null, null, null, null);
        AuditFilter turnedRound = new AuditFilter(from, null, "BW", "NA", null, null, null, null, null);
        AuditFilter failed = new AuditFilter(from, null, "NA", "BW", null, Outcome.FAILED, null, null, null);
        AuditFilter byGateway = new AuditFilter(from, null, "BW", "NA", "CO_ACKNOWLEDGED", null, "gw-BW", null, null);
        AuditFilter withTracking = new AuditFilter(from, null, "NA", "BW", null, null, null, "TN-NA-1", null);
        AuditFilter otherPair = new AuditFilter(from, null, "NA", "LS", null, null, null, "TN-NA-1", null);

        assertThat(seqs(between, true)).containsExactly(start + 3, start + 2, start);
        assertThat(seqs(between, false)).containsExactly(start, start + 2, start + 3);
        assertThat(seqs(turnedRound, true)).containsExactly(start + 3, start + 2, start);
        assertThat(seqs(failed, true)).containsExactly(start + 2);
        assertThat(seqs(byGateway, false)).containsExactly(start + 3);
        assertThat(seqs(withTracking, true)).containsExactly(start + 2, start);
        assertThat(seqs(otherPair, true)).isEmpty();
        AuditPage first = inLog(() -> log.search(AUDITOR, between, null, 2, true));
        assertThat(inLog(() -> log.search(AUDITOR, between, first.next(), 2, true)).records())
                .extracting(AuditRecordView::seq).containsExactly(start);
        assertThat(detail(head())).startsWith("from=" + from + " member=NA counterpart=BW ");

        // audit_pair (V12): every ordered pair of the distinct member states a record concerns, once; a record of
        // three member states (start + 3: BW's gateway, LS to NA) has all six, one of a single member state none.
        assertThat(rows("SELECT seq, member, counterpart FROM audit_pair WHERE seq >= " + start
                + " ORDER BY seq, member, counterpart", start)).containsExactly(
                "0:BW>NA", "0:NA>BW", "1:LS>NA", "1:NA>LS", "2:BW>NA", "2:NA>BW",
                "3:BW>LS", "3:BW>NA", "3:LS>BW", "3:LS>NA", "3:NA>BW", "3:NA>LS");
        AuditFilter lsBw = new AuditFilter(from, null, "LS", "BW", null, null, null, null, null);
        AuditFilter naLs = new AuditFilter(from, null, "NA", "LS", null, null, null, null, null);
        AuditFilter naItself = new AuditFilter(from, null, "NA", "NA", null, null, null, null, null);
        assertThat(seqs(lsBw, true)).containsExactly(start + 3);
        assertThat(seqs(new AuditFilter(from, null, "BW", "LS", null, null, null, null, null), false))
                .containsExactly(start + 3);
        assertThat(seqs(naLs, true)).containsExactly(start + 3, start + 1);
        assertThat(seqs(naLs, false)).containsExactly(start + 1, start + 3);
        assertThat(seqs(naItself, true)).containsExactly(start + 3, start + 2, start + 1, start);
    }

    @Test
    void thePairIndexHoldsEveryPairOfTheMemberIndexRowsOfARecordAndNothingElse() throws SQLException {
        append(new AuditEntry("HUB", "delivery", null, "DELIVERY_ATTEMPTED", Outcome.SUCCESS, null, null, null, null,
                "SC", "KM", null));
        append(new AuditEntry("GATEWAY", "gw-KM", "KM", "CO_ACKNOWLEDGED", Outcome.SUCCESS, null, null, null, null,
                "SC", "MU", null));
        // What V12 back-fills from audit_member must be what the trigger writes, for every record in the database
        // (the other tests' records included: one, two and three member states, a record put back by a DBA).
        String pairs = "SELECT a.member, b.member AS counterpart, a.seq, a.action, a.outcome, a.actor "
                + "FROM audit_member a JOIN audit_member b ON b.seq = a.seq AND b.member <> a.member";
        String all = "SELECT member, counterpart, seq, action, outcome, actor FROM audit_pair";
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThat(count(s, all)).isEqualTo(count(s, pairs)).isGreaterThanOrEqualTo(8);
            assertThat(count(s, all + " WHERE (member, counterpart, seq, action, outcome, actor) NOT IN (" + pairs
                    + ")")).isZero();
        }
    }

    private static long count(Statement s, String select) throws SQLException {
        try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (" + select + ") t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theMemberAndPairIndexesAreAppendOnly() throws SQLException {
        append(new AuditEntry("GATEWAY", "gw-SC", "SC", "CO_SUBMITTED", Outcome.SUCCESS, null, null, null, null, "SC",
                "KM", null));
        long seq = head();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"audit_member", "audit_pair"}) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE " + table + " SET actor = 'forged' WHERE seq = "
                        + seq)).as(table).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM " + table + " WHERE seq = " + seq)).as(table)
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
        assertThat(rows("SELECT seq, member, counterpart FROM audit_pair WHERE seq = " + seq + " AND actor = 'gw-SC' "
                + "ORDER BY member", seq)).containsExactly("0:KM>SC", "0:SC>KM");
    }

    @Test
    void aCounterpartWithoutAMemberIsABadQueryForAnAuditor() {
        AuditFilter alone = new AuditFilter(null, null, null, "KE", null, null, null, null, null);

        assertThatThrownBy(() -> inLog(() -> log.search(AUDITOR, alone, null, 10, true)))
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("counterpart needs member");
        assertThatThrownBy(() -> inLog(() -> log.authorize(AUDITOR, alone, "AUDIT_EXPORTED")))
                .isInstanceOf(InvalidAuditQueryException.class);
    }

    @Test
    void aMemberAuditorsCounterpartIsWithItsOwnMemberStateTurnedRoundWhenNamedAsTheCounterpart() {
        long start = head() + 1;
        append(new AuditEntry("GATEWAY", "gw-KE", "KE", "CO_SUBMITTED", Outcome.SUCCESS, null, null, null, null, "KE",
                "SZ", null));
        append(new AuditEntry("GATEWAY", "gw-SZ", "SZ", "CO_SUBMITTED", Outcome.SUCCESS, null, null, null, null, "SZ",
                "MG", null));
        append(new AuditEntry("GATEWAY", "gw-SZ", "SZ", "CO_ACKNOWLEDGED", Outcome.SUCCESS, null, null, null, null,
                "KE", "SZ", null));
        Instant from = find(start).recordedAt();

        AuditPage own = inLog(() -> log.search(KE_AUDITOR, new AuditFilter(from, null, "KE", "SZ", null, null, null,
                null, null), null, 10, true));
        assertThat(own.records()).extracting(AuditRecordView::seq).containsExactly(start + 2, start);
        AuditPage implied = inLog(() -> log.search(KE_AUDITOR, new AuditFilter(from, null, null, "SZ", null, null,
                null, null, null), null, 10, true));
        assertThat(implied.records()).extracting(AuditRecordView::seq).containsExactly(start + 2, start);
        AuditPage turned = inLog(() -> log.search(KE_AUDITOR, new AuditFilter(from, null, "SZ", "KE", null, null,
                null, null, null), null, 10, false));
        assertThat(turned.records()).extracting(AuditRecordView::seq).containsExactly(start, start + 2);
        assertThat(detail(head())).startsWith("from=" + from + " member=KE counterpart=SZ ");

        assertThatThrownBy(() -> inLog(() -> log.search(KE_AUDITOR, new AuditFilter(from, null, "SZ", "MG", null,
                null, null, null, null), null, 10, true))).isInstanceOf(AuditAccessRefusedException.class)
                .hasMessageContaining("KE");
        assertThatThrownBy(() -> inLog(() -> log.authorize(KE_AUDITOR, new AuditFilter(null, null, "SZ", "MG", null,
                null, null, null, null), "AUDIT_EXPORTED"))).isInstanceOf(AuditAccessRefusedException.class);
    }

    @Test
    void timeFiltersKeepMicroseconds() {
        AuditRecord newest = find(head());
        Instant at = newest.recordedAt();
        AuditPage from = inLog(() -> log.search(AUDITOR, new AuditFilter(at, null, null, null, null, null, null, null,
                null), null, 500, false));
        AuditPage before = inLog(() -> log.search(AUDITOR, new AuditFilter(null, at, null, null, null, null, null, null,
                null), null, 500, true));

        assertThat(from.records()).extracting(AuditRecordView::seq).contains(newest.seq());
        assertThat(before.records()).extracting(AuditRecordView::seq).doesNotContain(newest.seq());
    }

    @Test
    void aMemberAuditorSeesItsOwnMemberOnlyAndIsRefusedAnotherWithTheRefusalRecorded() {
        AuditPage own = inLog(() -> log.search(KE_AUDITOR, AuditFilter.none(), null, 500, true));
        assertThat(own.records()).isNotEmpty().allSatisfy(r -> assertThat(List.of(String.valueOf(r.actorMember()),
                String.valueOf(r.senderMember()), String.valueOf(r.recipientMember()))).contains("KE"));

        try {
            inLog(() -> log.search(KE_AUDITOR, filter("TZ", null), null, 10, true));
            throw new AssertionError("a member auditor read another member state's records");
        } catch (AuditAccessRefusedException expected) {
            assertThat(expected.getMessage()).contains("KE");
        }
        // The test transaction rolls back on the exception; in the container the refusal commits (rollback=false).
    }

    @Test
    void anExportCarriesEveryCanonicalFieldAndIsRecordedAfterwards() {
        StringWriter jsonl = new StringWriter();
        long written = inLog(() -> log.export(AUDITOR, filter("UG", null), AuditExportFormat.JSONL, jsonl));

        assertThat(written).isGreaterThanOrEqualTo(1);
        String line = jsonl.toString().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(line).startsWith("{\"seq\":").contains("\"actor_member\":\"UG\"").contains("\"prev_hash\":\"")
                .contains("\"detail\":\"detail of UG\"").contains("\"hash\":\"");
        AuditRecord last = find(head());
        assertThat(last.entry().action()).isEqualTo("AUDIT_EXPORTED");
        assertThat(last.entry().detail()).contains("member=UG").contains("format=jsonl");
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aVerificationOnBehalfOfAnAuditorIsRecordedAndIsTheLastVerificationShown() throws SQLException {
        ChainVerification intact = inLog(() -> log.verify(AUDITOR));

        assertThat(intact.intact()).isTrue();
        AuditRecord recorded = find(head());
        assertThat(recorded.entry().action()).isEqualTo("AUDIT_VERIFIED");
        assertThat(recorded.entry().actor()).isEqualTo("aud");
        assertThat(recorded.entry().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(recorded.entry().detail()).isEqualTo("intact count=" + intact.count() + " headSeq="
                + intact.headSeq() + " headHash=" + intact.headHash());
        assertThat(inLog(log::lastVerification)).hasValueSatisfying(last -> {
            assertThat(last.seq()).isEqualTo(recorded.seq());
            assertThat(last.outcome()).isEqualTo("SUCCESS");
        });

        long victim = head() - 2;
        String original = detail(victim);
        asDba("audit_record_no_update", "UPDATE audit_record SET detail = 'nothing to see' WHERE seq = " + victim);
        try {
            assertThat(inLog(() -> log.verify(AUDITOR)).intact()).isFalse();
        } finally {
            asDba("audit_record_no_update", "UPDATE audit_record SET detail = '" + original + "' WHERE seq = " + victim);
        }
        assertThat(inLog(log::lastVerification)).hasValueSatisfying(last -> {
            assertThat(last.outcome()).isEqualTo("FAILED");
            assertThat(last.detail()).startsWith("broken brokenAt=" + victim + " ");
        });
    }

    @Test
    void aMemberAuditorMayNotVerifyTheWholeChainAndTheRefusalIsNotAVerification() {
        Long before = inLog(log::lastVerification).map(AuditRecordView::seq).orElse(null);

        assertThatThrownBy(() -> inLog(() -> log.verify(KE_AUDITOR))).isInstanceOf(AuditAccessRefusedException.class)
                .hasMessageContaining("Only auditors and the secretariat");
        // The test transaction rolls back on the exception; in the container the refusal commits (rollback=false).
        // Recorded or not, a refused verification never counts as the last verification.
        inLog(() -> trail.record(new AuditEntry("USER", "ke-aud", "KE", "AUDIT_VERIFIED", Outcome.REJECTED,
                "AuditLog", null, null, null, null, null, "whole chain")));
        assertThat(inLog(log::lastVerification).map(AuditRecordView::seq).orElse(null)).isEqualTo(before);
    }

    private static AuditFilter filter(String member, String action) {
        return new AuditFilter(null, null, member, null, action, null, null, null, null);
    }

    private List<Long> seqs(AuditFilter filter, boolean newestFirst) {
        return inLog(() -> log.search(AUDITOR, filter, null, 10, newestFirst)).records().stream()
                .map(AuditRecordView::seq).toList();
    }

    private <T> T inLog(java.util.function.Supplier<T> work) {
        return persistence.inTransaction((EntityManager em) -> {
            set(trail, "em", em);
            set(log, "em", em);
            return work.get();
        });
    }

    private ChainVerification verify() {
        return inLog(log::verify);
    }

    private void append(AuditEntry entry) {
        persistence.inTransaction((EntityManager em) -> {
            set(trail, "em", em);
            return trail.record(entry);
        });
    }

    /** {@code seq, member, counterpart} rows as "seq - start:member>counterpart". */
    private static List<String> rows(String sql, long start) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getLong(1) - start + ":" + rs.getString(2) + ">" + rs.getString(3));
            }
        }
        return rows;
    }

    private static long head() {
        return persistence.inTransaction((EntityManager em) -> em.find(AuditHead.class, AuditHead.SINGLE_ROW).seq());
    }

    private static AuditRecord find(long seq) {
        return persistence.inTransaction((EntityManager em) -> em.find(AuditRecord.class, seq));
    }

    private static String detail(long seq) {
        return find(seq).entry().detail();
    }

    /** What an attacker with DBA rights does: drop the trigger, change the table, put the trigger back. */
    private static void asDba(String trigger, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            dropAndRun(s, trigger, sql);
        }
    }

    private static void dropAndRun(Statement s, String trigger, String sql) throws SQLException {
        String verb = trigger.endsWith("update") ? "UPDATE" : "DELETE";
        s.execute("DROP TRIGGER " + trigger);
        try {
            s.executeUpdate(sql);
        } finally {
            s.execute("CREATE TRIGGER " + trigger + " BEFORE " + verb + " ON audit_record FOR EACH ROW "
                    + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only'");
        }
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
