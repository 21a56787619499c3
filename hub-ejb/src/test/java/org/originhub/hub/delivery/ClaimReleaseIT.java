package org.originhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.hub.exchange.Envelopes.co;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.configuration.control.NodeIdentity;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.delivery.DeliveryIT.RecordingTransport;
import org.originhub.hub.delivery.control.DeliveryQueue;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.ExchangeWorld;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.testing.MutableClock;

/**
 * Claims of node starts that are gone, released at once on the real schema: a node that starts again releases what
 * its earlier start held, the survivors release what a node that left the data grid held (once, however many of them
 * do it), each release is audited with its count and the nodes, another node's claims stay, and the released
 * documents are pushed again in the same breath, without waiting out the lease.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class ClaimReleaseIT {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private ExchangeWorld hub;
    private Member kenya;
    private Member tanzania;
    private String agreement;
    private RecordingTransport transport;
    private int test;

    @BeforeEach
    void community(DataSource dataSource) {
        test = TESTS.getAndIncrement();
        hub = new ExchangeWorld(ExchangeWorld.persistence(dataSource), new MutableClock());
        kenya = hub.member(DeliveryMode.PULL);
        tanzania = hub.member(DeliveryMode.PUSH);
        agreement = hub.agreement(kenya, tanzania);
        transport = new RecordingTransport();
        hub.transport(transport);
        // later than every clock of DeliveryIT (what is left pending here is never due there), a month apart per
        // test; then whatever other tests left due is pushed first, so that the claims below are this test's only
        hub.clock.set(Instant.parse("2095-01-01T00:00:00Z").plus(Duration.ofDays(30L * test)));
        while (hub.deliveries.deliverDueNow() > 0) {
            transport.calls.clear();
        }
        transport.calls.clear();
    }

    @Test
    void aNodeThatStartsAgainReleasesWhatItsEarlierStartHeldAndPushesItAtOnce() {
        NodeIdentity before = NodeIdentity.of("restart-" + test);
        NodeIncarnation bystander = NodeIdentity.of("bystander-" + test).incarnation();
        String first = submit("KE-R1-" + test);
        String second = submit("KE-R2-" + test);
        claimAllDue(before.incarnation());
        String third = submit("KE-R3-" + test);
        claimAllDue(bystander);
        assertThat(hub.deliveries.deliverDueNow()).as("everything is claimed").isZero();

        ExchangeWorld restarted = node(NodeIdentity.of("restart-" + test));
        restarted.claims.releaseEarlierStarts(new SchemaReady("13"));

        assertThat(transport.pushed()).as("pushed again at once, the lease not waited out")
                .containsExactlyInAnyOrder(first, second);
        assertThat(status(first)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(status(second)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(hub.message(third).delivery().claimHolder()).as("another node's claim stays").isEqualTo(bystander);
        List<AuditRecord> released = releases("restart-" + test + " (earlier starts)");
        assertThat(released).singleElement().satisfies(r -> {
            assertThat(r.entry().actorKind()).isEqualTo("HUB");
            assertThat(r.entry().detail()).startsWith("released 2 delivery claim(s) of restart-" + test)
                    .contains("it started again as restart-" + test + "/");
        });

        restarted.claims.releaseEarlierStarts(new SchemaReady("13"));
        assertThat(releases("restart-" + test + " (earlier starts)")).as("nothing left: nothing recorded").hasSize(1);
    }

    @Test
    void theSurvivorsReleaseWhatANodeThatLeftTheGridHeldOnceAndPushItAgainAtOnce() {
        NodeIncarnation gone = NodeIdentity.of("gone-" + test).incarnation();
        NodeIncarnation bystander = NodeIdentity.of("bystander-" + test).incarnation();
        String first = submit("KE-G1-" + test);
        String second = submit("KE-G2-" + test);
        claimAllDue(gone);
        String third = submit("KE-G3-" + test);
        claimAllDue(bystander);
        // the same node name started again meanwhile: its new start's claims are not the gone start's
        String kept = submit("KE-G4-" + test);
        NodeIncarnation laterStart = NodeIdentity.of("gone-" + test).incarnation();
        claimAllDue(laterStart);

        ExchangeWorld survivor = node(NodeIdentity.of("survivor-" + test));
        ExchangeWorld otherSurvivor = node(NodeIdentity.of("other-" + test));
        int byFirst = survivor.claims.releaseHeldBy(gone, "it left the data grid");
        int bySecond = otherSurvivor.claims.releaseHeldBy(gone, "it left the data grid");

        assertThat(byFirst).isEqualTo(2);
        assertThat(bySecond).as("idempotent: the first survivor took them").isZero();
        assertThat(transport.pushed()).containsExactlyInAnyOrder(first, second);
        assertThat(status(first)).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(hub.message(third).delivery().claimHolder()).isEqualTo(bystander);
        assertThat(hub.message(kept).delivery().claimHolder()).isEqualTo(laterStart);
        assertThat(releases(gone.toString())).singleElement().satisfies(r -> assertThat(r.entry().detail())
                .isEqualTo("released 2 delivery claim(s) of " + gone + " at once: it left the data grid; released by "
                        + survivor.incarnation()));
    }

    private ExchangeWorld node(NodeIdentity identity) {
        ExchangeWorld node = new ExchangeWorld(hub.persistence, hub.clock);
        node.transport(transport);
        node.node(identity);
        return node;
    }

    private String submit(String coNumber) {
        return hub.submit(kenya.sender(), co(kenya, tanzania, agreement, coNumber)).trackingNumber();
    }

    /** A node start claims every due delivery and dies before pushing any. */
    private void claimAllDue(NodeIncarnation holder) {
        hub.queue.claim(100, "token-of-" + holder, hub.clock.instant(), Duration.ofMinutes(5), Set.of(), holder);
    }

    private DeliveryStatus status(String tracking) {
        return hub.message(tracking).delivery().status();
    }

    private List<AuditRecord> releases(String holder) {
        return hub.inTransaction(em -> em.createQuery("SELECT r FROM AuditRecord r WHERE r.action = :action "
                + "AND r.objectId = :holder ORDER BY r.seq", AuditRecord.class)
                .setParameter("action", DeliveryQueue.CLAIMS_RELEASED).setParameter("holder", holder)
                .getResultList());
    }
}
