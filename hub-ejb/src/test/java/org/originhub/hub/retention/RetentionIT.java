package org.originhub.hub.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.originhub.hub.exchange.Envelopes.co;
import static org.originhub.hub.exchange.Envelopes.replacement;
import static org.originhub.hub.exchange.Envelopes.response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.ExchangeWorld;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.boundary.TrackingView;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.messagelog.boundary.MessageDetail;
import org.originhub.hub.messagelog.boundary.PayloadPurgedException;
import org.originhub.hub.retention.boundary.HoldAlreadyLiftedException;
import org.originhub.hub.retention.boundary.InvalidHoldException;
import org.originhub.hub.retention.boundary.LegalHoldView;
import org.originhub.hub.retention.boundary.PurgeReport;
import org.originhub.hub.retention.boundary.UnknownHoldTargetException;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.testing.MutableClock;

/**
 * Payload retention on the real schema. Each test exchanges its documents in an era of its own, decades ago, so that
 * its purges (cut-off = the test clock minus the retention) reach its own documents and none of the other tests'
 * sharing this database.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class RetentionIT {

    private static final AtomicInteger ERA = new AtomicInteger();
    private static final AuthenticatedUser ADMIN = new AuthenticatedUser("it-admin", Role.SECRETARIAT_ADMIN, null);
    private static final AuthenticatedUser AUDITOR = new AuthenticatedUser("it-auditor", Role.AUDITOR, null);

    private DataSource db;
    private ExchangeWorld hub;
    private MutableClock clock;
    private Member kenya;
    private Member uganda;
    private String agreement;

    @BeforeEach
    void community(DataSource dataSource) {
        db = dataSource;
        clock = new MutableClock();
        hub = new ExchangeWorld(ExchangeWorld.persistence(dataSource), clock);
        kenya = hub.member(DeliveryMode.PULL);
        uganda = hub.member(DeliveryMode.PULL);
        agreement = hub.agreement(LocalDate.of(1900, 1, 1), kenya, uganda);
        clock.set(Instant.parse("1950-01-01T00:00:00Z").plus(Duration.ofDays(3650L * ERA.incrementAndGet())));
    }

    @Test
    void payloadsPastRetentionArePurgedWhileEnvelopesHistoryAndAuditRecordsStay() throws SQLException {
        Receipt delivered = deliver(kenya, uganda, co(kenya, uganda, agreement, "KE-R-1"));
        Receipt alsoDelivered = deliver(kenya, uganda, co(kenya, uganda, agreement, "KE-R-2"));
        Receipt pending = hub.submit(uganda.sender(), response(uganda, kenya, agreement, "KE-R-1",
                BusinessResponseKind.ACCEPTED));
        clock.advance(Duration.ofDays(30));
        Receipt young = deliver(kenya, uganda, co(kenya, uganda, agreement, "KE-R-3"));
        clock.advance(Duration.ofDays(3650 - 15)); // past retention for the first three only
        hub.retention("P3650D", 1); // one payload per batch: the run takes several

        PurgeReport report = hub.retention.purgeNow(ADMIN);

        assertThat(report.retention()).isEqualTo("P3650D");
        assertThat(report.cutoff()).isEqualTo(clock.instant().minus(Duration.ofDays(3650)));
        assertThat(report.purged()).isGreaterThanOrEqualTo(2);
        assertThat(report.batches()).isEqualTo((int) report.purged());
        assertThat(payloadStored(delivered)).isFalse();
        assertThat(payloadStored(alsoDelivered)).isFalse();
        assertThat(payloadStored(pending)).as("still to be delivered").isTrue();
        assertThat(payloadStored(young)).as("received after the cut-off").isTrue();

        // The envelope, its SHA-256, its history and the CO register stay; what asks for the payload is told why.
        MessageDetail detail = hub.tx(w -> w.messageLog.detail(AUDITOR, delivered.trackingNumber()));
        assertThat(detail.message().payloadPurgedAt()).isEqualTo(clock.instant());
        assertThat(detail.message().payloadSha256()).isEqualTo(delivered.payloadSha256());
        assertThat(detail.attempts()).hasSize(1);
        assertThat(detail.lifecycle()).singleElement().satisfies(c -> assertThat(c.history()).isNotEmpty());
        PayloadPurgedException gone = catchThrowableOfType(() -> hub.tx(w -> w.messageLog.payload(AUDITOR,
                delivered.trackingNumber())), PayloadPurgedException.class);
        assertThat(gone).hasMessageContaining("purged on " + clock.instant()).hasMessageContaining("retention")
                .hasMessageContaining(delivered.payloadSha256());
        TrackingView tracked = hub.tx(w -> w.exchanges.track(kenya.sender(), List.of(delivered.trackingNumber())))
                .get(0).orElseThrow();
        assertThat(tracked.payloadPurgedAt()).isEqualTo(clock.instant());
        assertThat(tracked.status()).isEqualTo(DeliveryStatus.DELIVERED);
        ExchangeRefusedException pull = catchThrowableOfType(() -> hub.tx(w -> w.exchanges.pull(uganda.sender(), 10,
                Set.of(), List.of(delivered.trackingNumber()))), ExchangeRefusedException.class);
        assertThat(pull).hasMessageContaining("was purged on").hasMessageContaining("retention policy");
        assertThat(hub.tx(w -> w.messageLog.payload(AUDITOR, pending.trackingNumber())).sha256())
                .isEqualTo(pending.payloadSha256());

        // Each purge is in the chain once, naming the exchange and its parties; so is the run, with its totals.
        for (Receipt r : List.of(delivered, alsoDelivered)) {
            assertThat(hub.audits("PAYLOAD_PURGED", r.trackingNumber())).singleElement().satisfies(a -> {
                assertThat(a.entry().actor()).isEqualTo("it-admin");
                assertThat(a.entry().senderMember()).isEqualTo(kenya.code());
                assertThat(a.entry().recipientMember()).isEqualTo(uganda.code());
                assertThat(a.entry().detail()).contains("retention=P3650D").contains("sha256=" + r.payloadSha256());
            });
        }
        assertThat(hub.audits("PAYLOAD_DOWNLOADED", delivered.trackingNumber())).singleElement()
                .satisfies(a -> assertThat(a.entry().outcome().name()).isEqualTo("REJECTED"));
        assertThat(runs()).last().satisfies(a -> assertThat(a.entry().detail()).contains("on request")
                .contains("purged=" + report.purged()).contains("cutoff=" + report.cutoff()));

        PurgeReport again = hub.retention.purgeNow(ADMIN);
        assertThat(again.purged()).isZero();
        assertThat(hub.audits("PAYLOAD_PURGED", delivered.trackingNumber())).hasSize(1);

        assertThatThrownBy(() -> hub.retention.purgeNow(AUDITOR)).isInstanceOf(AuditAccessRefusedException.class);
        assertThat(runs()).last().satisfies(a -> assertThat(a.entry().outcome().name()).isEqualTo("REJECTED"));
    }

    @Test
    void legalHoldsKeepTheirPayloadsUntilLiftedAndArePlacedAndLiftedOnTheRecord() throws SQLException {
        Receipt held = deliver(kenya, uganda, co(kenya, uganda, agreement, "KE-H-1"));
        Receipt heldReplacement = deliver(kenya, uganda, replacement(kenya, uganda, agreement, "KE-H-1-R", "KE-H-1"));
        Receipt answer = deliver(uganda, kenya, response(uganda, kenya, agreement, "KE-H-1-R",
                BusinessResponseKind.UTILISED));
        Receipt heldExchange = deliver(kenya, uganda, co(kenya, uganda, agreement, "KE-H-2"));
        Receipt free = deliver(kenya, uganda, co(kenya, uganda, agreement, "KE-H-3"));

        LegalHoldView onCo = hub.tx(w -> w.legalHolds.placeOnCo(ADMIN, kenya.code(), "KE-H-1",
                "  Court of Justice case 12/2026  "));
        LegalHoldView onExchange = hub.tx(w -> w.legalHolds.placeOnExchange(ADMIN, heldExchange.trackingNumber(),
                "origin investigation OI-7"));
        assertThat(onCo.messages()).as("the CO and its replacement").isEqualTo(2);
        assertThat(onCo.payloadsAlreadyPurged()).isZero();
        assertThat(onCo.reason()).isEqualTo("Court of Justice case 12/2026");
        assertThat(onCo.placedBy()).isEqualTo("it-admin");
        assertThat(onExchange.messages()).isEqualTo(1);
        assertThat(hub.tx(w -> w.messageLog.detail(AUDITOR, heldReplacement.trackingNumber())).legalHold()).isTrue();
        assertThat(hub.tx(w -> w.messageLog.detail(AUDITOR, free.trackingNumber())).legalHold()).isFalse();

        clock.advance(Duration.ofDays(3660));
        hub.retention("P10Y", 100);
        PurgeReport first = hub.retention.purgeNow(ADMIN);

        assertThat(payloadStored(held)).isTrue();
        assertThat(payloadStored(heldReplacement)).as("it replaces the held CO").isTrue();
        assertThat(payloadStored(heldExchange)).isTrue();
        assertThat(payloadStored(answer)).as("about the replacement, another CO").isFalse();
        assertThat(payloadStored(free)).isFalse();
        assertThat(first.heldBack()).isGreaterThanOrEqualTo(3);
        assertThat(hub.tx(w -> w.messageLog.payload(AUDITOR, held.trackingNumber())).content())
                .isEqualTo(co(kenya, uganda, agreement, "KE-H-1").payload());
        assertThat(hub.audits("PAYLOAD_PURGED", held.trackingNumber())).isEmpty();

        // Lifting the CO's hold releases its payloads at the next run; the exchange's own hold still keeps its one.
        LegalHoldView lifted = hub.tx(w -> w.legalHolds.lift(ADMIN, onCo.id(), "case closed"));
        assertThat(lifted.inForce()).isFalse();
        assertThat(lifted.liftReason()).isEqualTo("case closed");
        assertThat(lifted.liftedAt()).isEqualTo(clock.instant());
        hub.retention.purgeNow(ADMIN);
        assertThat(payloadStored(held)).isFalse();
        assertThat(payloadStored(heldReplacement)).isFalse();
        assertThat(payloadStored(heldExchange)).isTrue();

        List<LegalHoldView> inForce = hub.tx(w -> w.legalHolds.list(AUDITOR, false));
        assertThat(inForce).extracting(LegalHoldView::id).contains(onExchange.id()).doesNotContain(onCo.id());
        List<LegalHoldView> all = hub.tx(w -> w.legalHolds.list(AUDITOR, true));
        assertThat(all).extracting(LegalHoldView::id).contains(onExchange.id(), onCo.id());
        LegalHoldView late = hub.tx(w -> w.legalHolds.placeOnCo(ADMIN, kenya.code(), "KE-H-1", "appeal lodged"));
        assertThat(late.payloadsAlreadyPurged()).isEqualTo(2);

        // On the record: placed, lifted, listed; and every refusal.
        List<AuditRecord> placed = hub.audits("LEGAL_HOLD_PLACED", heldExchange.trackingNumber());
        assertThat(placed).singleElement().satisfies(a -> {
            assertThat(a.entry().objectId()).isEqualTo(Long.toString(onExchange.id()));
            assertThat(a.entry().detail()).contains("origin investigation OI-7");
            assertThat(a.entry().senderMember()).isEqualTo(kenya.code());
        });
        assertThat(records("LEGAL_HOLD_LIFTED", Long.toString(onCo.id()))).singleElement()
                .satisfies(a -> assertThat(a.entry().detail()).contains("case closed"));
        assertThatThrownBy(() -> hub.tx(w -> w.legalHolds.lift(ADMIN, onCo.id(), "again")))
                .isInstanceOf(HoldAlreadyLiftedException.class).hasMessageContaining("it-admin");
        assertThatThrownBy(() -> hub.tx(w -> w.legalHolds.placeOnExchange(ADMIN, free.trackingNumber(), " ")))
                .isInstanceOf(InvalidHoldException.class);
        assertThatThrownBy(() -> hub.tx(w -> w.legalHolds.placeOnCo(ADMIN, kenya.code(), "NO-SUCH-CO", "why")))
                .isInstanceOf(UnknownHoldTargetException.class);
        assertThatThrownBy(() -> hub.tx(w -> w.legalHolds.placeOnExchange(AUDITOR, free.trackingNumber(), "why")))
                .isInstanceOf(AuditAccessRefusedException.class);
        assertThat(records("LEGAL_HOLD_LIFTED", Long.toString(onCo.id()))).hasSize(2)
                .extracting(a -> a.entry().outcome().name()).containsExactly("SUCCESS", "REJECTED");
    }

    private Receipt deliver(Member from, Member to, Submission submission) {
        Receipt receipt = hub.submit(from.sender(), submission);
        hub.tx(w -> w.exchanges.pull(to.sender(), 50, Set.of(), List.of(receipt.trackingNumber())));
        hub.tx(w -> w.exchanges.acknowledge(to.sender(), receipt.trackingNumber(), AcknowledgementKind.OK, null));
        clock.advance(Duration.ofSeconds(1));
        return receipt;
    }

    private boolean payloadStored(Receipt receipt) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM "
                + "exchange_payload p JOIN exchange_message m ON m.id = p.message_id WHERE m.tracking_number = ?")) {
            s.setString(1, receipt.trackingNumber());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    private List<AuditRecord> runs() {
        return hub.inTransaction(em -> em.createQuery("SELECT r FROM AuditRecord r WHERE r.action = "
                + "'PAYLOAD_RETENTION_RUN' ORDER BY r.seq", AuditRecord.class).getResultList());
    }

    private List<AuditRecord> records(String action, String objectId) {
        return hub.inTransaction(em -> em.createQuery("SELECT r FROM AuditRecord r WHERE r.action = :action AND "
                + "r.objectId = :id ORDER BY r.seq", AuditRecord.class).setParameter("action", action)
                .setParameter("id", objectId).getResultList());
    }
}
