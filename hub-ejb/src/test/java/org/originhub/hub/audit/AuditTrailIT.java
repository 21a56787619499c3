package org.originhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.testing.TestPersistence;

/** The audit chain on the real schema: sequence, hashes linking records, and append-only rows. */
@ExtendWith(EmbeddedDatabaseExtension.class)
class AuditTrailIT {

    private static TestPersistence persistence;
    private static DataSource db;
    private final AuditTrail trail = new AuditTrail();

    @BeforeAll
    static void setUp(DataSource dataSource) {
        db = dataSource;
        persistence = TestPersistence.of(dataSource, AuditRecord.class, AuditHead.class);
    }

    @AfterAll
    static void tearDown() {
        persistence.close();
    }

    private long record(RegistryChanged change) {
        return persistence.inTransaction((EntityManager em) -> {
            set(trail, "em", em);
            long before = em.find(AuditHead.class, AuditHead.SINGLE_ROW).seq();
            trail.onRegistryChanged(change);
            return before + 1;
        });
    }

    @Test
    void aNodeWhoseClockIsBehindRecordsTheLastRecordsTimeSoTimesNeverGoBackwards() throws Exception {
        long first = record(RegistryChanged.of(Actor.user("admin"), RegistryAction.MEMBER_STATE_REGISTERED,
                "MemberState", "UG", "UG", "name=Uganda"));
        Field clock = AuditTrail.class.getDeclaredField("clock");
        clock.setAccessible(true);
        clock.set(trail, java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(-1)));
        try {
            long second = record(RegistryChanged.of(Actor.user("admin"), RegistryAction.MEMBER_STATE_RENAMED,
                    "MemberState", "UG", "UG", "name=Uganda!"));

            java.time.Instant firstTime = persistence.inTransaction((EntityManager em) ->
                    em.find(AuditRecord.class, first).recordedAt());
            AuditRecord late = persistence.inTransaction((EntityManager em) -> em.find(AuditRecord.class, second));
            assertThat(late.recordedAt()).isEqualTo(firstTime);
            assertThat(persistence.inTransaction((EntityManager em) -> em.find(AuditHead.class,
                    AuditHead.SINGLE_ROW).recordedAt())).isEqualTo(firstTime);
            assertThat(AuditCanonicalForm.hash(late.seq(), late.recordedAt(), late.entry(), late.prevHash()))
                    .isEqualTo(late.hash());
        } finally {
            clock.set(trail, java.time.Clock.systemUTC());
        }
    }

    @Test
    void registryChangesAreChainedInSequenceAndEachHashCoversItsRecordAndThePrevious() throws SQLException {
        long first = record(RegistryChanged.of(Actor.user("admin"), RegistryAction.MEMBER_STATE_REGISTERED,
                "MemberState", "KE", "KE", "name=Kenya"));
        long second = record(RegistryChanged.refusal(Actor.gateway("ab".repeat(32), "TZ"),
                RegistryAction.REGISTRATION_REQUEST_REFUSED, "Gateway", "gw", "TZ", "no valid onboarding code"));

        assertThat(second).isEqualTo(first + 1);
        List<AuditRecord> records = persistence.inTransaction((EntityManager em) -> {
            return em.createQuery("SELECT r FROM AuditRecord r WHERE r.seq >= :from ORDER BY r.seq",
                    AuditRecord.class).setParameter("from", first).getResultList();
        });
        assertThat(records).hasSize(2);
        AuditRecord a = records.get(0);
        AuditRecord b = records.get(1);
        assertThat(b.prevHash()).isEqualTo(a.hash());
        for (AuditRecord r : records) {
            assertThat(AuditCanonicalForm.hash(r.seq(), r.recordedAt(), r.entry(), r.prevHash())).isEqualTo(r.hash());
        }
        assertThat(a.entry().action()).isEqualTo("MEMBER_STATE_REGISTERED");
        assertThat(a.entry().actor()).isEqualTo("admin");
        assertThat(b.entry().outcome().name()).isEqualTo("REJECTED");
        assertThat(b.entry().actorKind()).isEqualTo("GATEWAY");
        assertThat(b.entry().actorMember()).isEqualTo("TZ");
    }

    @Test
    void aBatchIsAppendedAsConsecutiveLinksUnderOneLockOfTheHead() {
        List<AuditEntry> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(new AuditEntry("GATEWAY", "cd".repeat(32), "TZ", "DOCUMENT_PULLED",
                    org.originhub.hub.audit.entity.Outcome.SUCCESS, "ExchangeMessage", "OH-BATCH-" + i,
                    "OH-BATCH-" + i, "UG-" + i, "UG", "TZ", "attempt=1"));
        }
        long before = persistence.inTransaction((EntityManager em) -> {
            set(trail, "em", em);
            long head = em.find(AuditHead.class, AuditHead.SINGLE_ROW).seq();
            trail.recordAll(batch);
            return head;
        });

        List<AuditRecord> records = persistence.inTransaction((EntityManager em) -> {
            return em.createQuery("SELECT r FROM AuditRecord r WHERE r.seq > :from ORDER BY r.seq",
                    AuditRecord.class).setParameter("from", before).getResultList();
        });
        assertThat(records).extracting(AuditRecord::seq).containsExactly(before + 1, before + 2, before + 3);
        assertThat(records).extracting(r -> r.entry().trackingNumber())
                .containsExactly("OH-BATCH-0", "OH-BATCH-1", "OH-BATCH-2");
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).prevHash()).isEqualTo(records.get(i - 1).hash());
        }
        for (AuditRecord r : records) {
            assertThat(AuditCanonicalForm.hash(r.seq(), r.recordedAt(), r.entry(), r.prevHash())).isEqualTo(r.hash());
        }
        AuditHead head = persistence.inTransaction((EntityManager em) -> em.find(AuditHead.class,
                AuditHead.SINGLE_ROW));
        assertThat(head.seq()).isEqualTo(before + 3);
        assertThat(head.hash()).isEqualTo(records.get(2).hash());
    }

    @Test
    void auditRowsCannotBeUpdatedOrDeletedEvenByTheHubsOwnUser() throws SQLException {
        record(RegistryChanged.of(Actor.user("admin"), RegistryAction.AGREEMENT_CREATED, "Agreement", "FTA", null,
                null));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_record SET detail = 'forged'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_record"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_record WHERE detail = 'forged'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void overlongTextIsClippedInsteadOfFailingTheChange() {
        String huge = "x".repeat(5000);
        long seq = record(RegistryChanged.of(Actor.user("admin"), RegistryAction.GATEWAY_SUSPENDED, "Gateway", "1",
                "KE", huge));
        List<AuditRecord> found = new ArrayList<>(persistence.inTransaction((EntityManager em) -> {
            return em.createQuery("SELECT r FROM AuditRecord r WHERE r.seq = :seq", AuditRecord.class)
                    .setParameter("seq", seq).getResultList();
        }));
        assertThat(found.get(0).entry().detail()).hasSize(1000);
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
