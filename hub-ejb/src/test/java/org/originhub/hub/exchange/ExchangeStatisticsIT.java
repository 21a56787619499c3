package org.originhub.hub.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.originhub.hub.exchange.Envelopes.co;
import static org.originhub.hub.exchange.Envelopes.response;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.Migrations;
import org.originhub.db.embedded.EmbeddedDatabase;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.delivery.control.BackoffPolicy;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.ExchangeStatistics;
import org.originhub.hub.exchange.boundary.ExchangeStatistics.CorridorFigure;
import org.originhub.hub.exchange.boundary.ExchangeStatistics.Direction;
import org.originhub.hub.exchange.boundary.ExchangeStatistics.FailedDelivery;
import org.originhub.hub.exchange.boundary.ExchangeStatistics.FailingGateway;
import org.originhub.hub.exchange.boundary.ExchangeStatistics.Figures;
import org.originhub.hub.exchange.boundary.ExchangeStatistics.RecentDelivery;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.AttemptOutcome;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.testing.MutableClock;

/**
 * The exchange's figures for the dashboard and a gateway's page, on the real schema over documents that really went
 * through intake and delivery. The dashboard's figures are hub-wide, so that test runs on a database migrated apart
 * from the one the other test classes share, where every figure can be checked exactly; its documents sit on both
 * sides of each boundary (midnight UTC, seven days back) and in both directions of a corridor, and include a refused
 * submission and a failed delivery, so that a query with a wrong boundary, a mixed direction or a wrong status fails.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class ExchangeStatisticsIT {

    private static final String ISOLATED_SCHEMA = "exchange_statistics_it";
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private final AtomicBoolean pushesFail = new AtomicBoolean();

    @Test
    void theDashboardFiguresCountAcceptedDocumentsByUtcDayCorridorDirectionAndDeliveryState(DataSource shared,
            EmbeddedDatabase database) throws Exception {
        MutableClock clock = new MutableClock();
        ExchangeWorld hub = new ExchangeWorld(ExchangeWorld.isolated(shared, isolatedDatabase(database)), clock);
        Member kenya = hub.member(DeliveryMode.PULL);
        Member tanzania = hub.member(DeliveryMode.PUSH);
        Member uganda = hub.member(DeliveryMode.PULL);
        String agreement = hub.agreement(kenya, tanzania, uganda);
        hub.transport((endpoint, document, attempt, certificates) -> pushesFail.get()
                ? PushOutcome.failed("connection refused") : PushOutcome.acknowledged(AcknowledgementKind.OK, null));
        hub.policy(new BackoffPolicy(Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(10)));

        Instant midnight = Instant.parse("2031-03-10T00:00:00Z");
        Instant now = midnight.plus(Duration.ofMinutes(30));
        Instant weekAgo = now.minus(Duration.ofDays(7));

        // Just outside the 7 days; its pushes fail until the hub gives up: FAILED_DELIVERY.
        clock.set(weekAgo.minus(MICRO));
        Receipt failed = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-ST-1"));
        pushesFail.set(true);
        int attempts = 0;
        while (hub.message(failed.trackingNumber()).delivery().isPending()) {
            clock.set(hub.message(failed.trackingNumber()).delivery().nextAttemptAt());
            assertThat(hub.deliveries.deliverDueNow()).isEqualTo(1);
            attempts++;
        }
        Instant failedAt = clock.instant();
        // Exactly seven days back: inside; pushed and acknowledged at once.
        clock.set(weekAgo);
        pushesFail.set(false);
        Receipt delivered = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-ST-2"));
        assertThat(hub.deliveries.deliverDueNow()).isEqualTo(1);
        // A microsecond before midnight UTC: yesterday; its first push fails, so it is pending and retried.
        clock.set(midnight.minus(MICRO));
        Receipt retrying = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-ST-3"));
        pushesFail.set(true);
        assertThat(hub.deliveries.deliverDueNow()).isEqualTo(1);
        // Midnight UTC and after: today. No more delivery rounds from here on.
        clock.set(midnight);
        Receipt atMidnight = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-ST-4"));
        clock.set(midnight.plus(Duration.ofMinutes(5)));
        Receipt toUganda = hub.submit(kenya.sender(), co(kenya, uganda, agreement, "KE-ST-5"));
        // Uganda pulls it (an attempt of a PULL delivery) and has not acknowledged it yet: pending, not failing.
        assertThat(hub.tx(w -> w.exchanges.pull(uganda.sender(), 10, Set.of(), null)).documents()).hasSize(1);
        clock.set(midnight.plus(Duration.ofMinutes(10)));
        Receipt answer = hub.submit(tanzania.sender(), response(tanzania, kenya, agreement, "KE-ST-4",
                BusinessResponseKind.ACCEPTED));
        // The same document type the other way round: a corridor of its own.
        clock.set(midnight.plus(Duration.ofMinutes(12)));
        Receipt backwards = hub.submit(tanzania.sender(), co(tanzania, kenya, agreement, "TZ-ST-1"));
        // Refused (no such agreement): recorded in the audit log, never counted.
        clock.set(midnight.plus(Duration.ofMinutes(15)));
        Submission unknownAgreement = co(kenya, tanzania, "NO-SUCH-AGREEMENT", "KE-ST-6");
        assertThatThrownBy(() -> hub.submit(kenya.sender(), unknownAgreement))
                .isInstanceOf(ExchangeRefusedException.class);
        assertThat(hub.audits("DOCUMENT_REJECTED", kenya.code())).isNotEmpty();

        clock.set(now);
        Figures figures = hub.tx(w -> w.statistics.figures());

        assertThat(figures.at()).isEqualTo(now);
        assertThat(figures.corridors()).extracting(CorridorFigure::senderMember, CorridorFigure::recipientMember,
                CorridorFigure::documentType, CorridorFigure::today, CorridorFigure::lastSevenDays)
                .containsExactly(
                        tuple(kenya.code(), tanzania.code(), DocumentType.CERTIFICATE_OF_ORIGIN, 1L, 3L),
                        tuple(kenya.code(), uganda.code(), DocumentType.CERTIFICATE_OF_ORIGIN, 1L, 1L),
                        tuple(tanzania.code(), kenya.code(), DocumentType.CERTIFICATE_OF_ORIGIN, 1L, 1L),
                        tuple(tanzania.code(), kenya.code(), DocumentType.BUSINESS_RESPONSE, 1L, 1L));
        assertThat(figures.today()).isEqualTo(4);
        assertThat(figures.lastSevenDays()).isEqualTo(6);
        assertThat(figures.pending()).as("retrying, at midnight, to Uganda, the answer, backwards").isEqualTo(5);
        assertThat(figures.failed()).isEqualTo(1);
        assertThat(figures.oldestPendingSince()).as("the failed and the delivered one are not pending")
                .isEqualTo(midnight.minus(MICRO));
        assertThat(figures.oldestPendingAge()).isEqualTo(Duration.ofMinutes(30).plus(MICRO));
        assertThat(figures.failedDeliveries()).singleElement().isEqualTo(new FailedDelivery(failed.trackingNumber(),
                weekAgo.minus(MICRO), kenya.code(), tanzania.code(), DocumentType.CERTIFICATE_OF_ORIGIN, attempts,
                failedAt));
        assertThat(attempts).isEqualTo(5);
        assertThat(figures.failingGateways()).as("Uganda's pulled document and Kenya's unpushed answer are not failing")
                .singleElement().isEqualTo(new FailingGateway(tanzania.gatewayId(), tanzania.code(), 1, 1,
                        midnight.minus(MICRO)));

        // Midnight passes: yesterday's documents leave "today", the week slides by a day.
        clock.set(midnight.plus(Duration.ofDays(1)));
        Figures nextDay = hub.tx(w -> w.statistics.figures());
        assertThat(nextDay.today()).isZero();
        assertThat(nextDay.lastSevenDays()).as("the one of exactly seven days back is out now").isEqualTo(5);
        assertThat(hub.message(delivered.trackingNumber()).delivery().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(List.of(retrying, atMidnight, toUganda, answer, backwards)).extracting(r -> hub.message(r.trackingNumber())
                .delivery().status()).containsOnly(DeliveryStatus.PENDING_DELIVERY);
    }

    @Test
    void aMemberStatesRecentDeliveriesAreItsNewestInBothDirectionsWithTheLastAttemptAndNoContent(
            DataSource dataSource) {
        MutableClock clock = new MutableClock();
        ExchangeWorld hub = new ExchangeWorld(ExchangeWorld.persistence(dataSource), clock);
        Member kenya = hub.member(DeliveryMode.PULL);
        Member tanzania = hub.member(DeliveryMode.PUSH);
        Member uganda = hub.member(DeliveryMode.PULL);
        Instant start = Instant.parse("2011-05-02T08:00:00Z");
        String agreement = hub.agreement(LocalDate.parse("2011-01-01"), kenya, tanzania, uganda);
        hub.transport((endpoint, document, attempt, certificates) -> pushesFail.get()
                ? PushOutcome.failed("connection refused by gw." + tanzania.code().toLowerCase())
                : PushOutcome.acknowledged(AcknowledgementKind.OK_WITH_WARNINGS, "warning about consignee Acme"));
        // The delivery queue is shared with the other test classes: 2011 is before anything they leave due.
        clock.set(start);

        Receipt failedOnce = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-RD-1"));
        pushesFail.set(true);
        assertThat(hub.deliveries.deliverDueNow()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        Receipt answer = hub.submit(tanzania.sender(), response(tanzania, kenya, agreement, "KE-RD-1",
                BusinessResponseKind.ACCEPTED));
        clock.advance(Duration.ofMinutes(1));
        Receipt fromUganda = hub.submit(uganda.sender(), co(uganda, kenya, agreement, "UG-RD-1"));
        hub.tx(w -> w.exchanges.pull(kenya.sender(), 10, Set.of(DocumentType.CERTIFICATE_OF_ORIGIN), null));
        clock.advance(Duration.ofMinutes(1));
        Receipt notKenyas = hub.submit(uganda.sender(), co(uganda, tanzania, agreement, "UG-RD-2"));
        clock.advance(Duration.ofMinutes(1));
        Receipt acknowledged = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-RD-2"));
        clock.advance(Duration.ofMinutes(1));
        pushesFail.set(false);
        // Due: the first document's retry, Uganda's and the new one to Tanzania; acknowledged (with warnings) now.
        assertThat(hub.deliveries.deliverDueNow()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        Receipt newest = hub.submit(kenya.sender(), co(kenya, uganda, agreement, "KE-RD-3"));

        List<RecentDelivery> all = hub.tx(w -> w.statistics.recentDeliveries(kenya.code(), 25));
        assertThat(all).extracting(RecentDelivery::trackingNumber).containsExactly(newest.trackingNumber(),
                acknowledged.trackingNumber(), fromUganda.trackingNumber(), answer.trackingNumber(),
                failedOnce.trackingNumber());
        assertThat(all).extracting(RecentDelivery::direction, RecentDelivery::counterpart,
                RecentDelivery::documentType, RecentDelivery::status, RecentDelivery::attempts,
                RecentDelivery::lastOutcome).containsExactly(
                        tuple(Direction.SENT, uganda.code(), DocumentType.CERTIFICATE_OF_ORIGIN,
                                DeliveryStatus.PENDING_DELIVERY, 0, null),
                        tuple(Direction.SENT, tanzania.code(), DocumentType.CERTIFICATE_OF_ORIGIN,
                                DeliveryStatus.DELIVERED_WITH_WARNINGS, 1, AttemptOutcome.ACKNOWLEDGED),
                        tuple(Direction.RECEIVED, uganda.code(), DocumentType.CERTIFICATE_OF_ORIGIN,
                                DeliveryStatus.PENDING_DELIVERY, 1, AttemptOutcome.PULLED),
                        tuple(Direction.RECEIVED, tanzania.code(), DocumentType.BUSINESS_RESPONSE,
                                DeliveryStatus.PENDING_DELIVERY, 0, null),
                        tuple(Direction.SENT, tanzania.code(), DocumentType.CERTIFICATE_OF_ORIGIN,
                                DeliveryStatus.DELIVERED_WITH_WARNINGS, 2, AttemptOutcome.ACKNOWLEDGED));
        RecentDelivery first = all.get(4);
        assertThat(first.receivedAt()).isEqualTo(start);
        assertThat(first.lastAttemptAt()).as("the last attempt, not the first").isEqualTo(start.plusSeconds(300));
        assertThat(all).extracting(RecentDelivery::lastFailure).containsOnlyNulls();
        assertThat(all.toString()).as("no CO number, no acknowledgement text").doesNotContain("RD-")
                .doesNotContain("Acme");
        assertThat(all).extracting(RecentDelivery::trackingNumber).doesNotContain(notKenyas.trackingNumber());

        // A push that failed last shows its failure; the limit keeps the newest across both directions.
        pushesFail.set(true);
        clock.advance(Duration.ofMinutes(1));
        Receipt failing = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-RD-4"));
        assertThat(hub.deliveries.deliverDueNow()).isEqualTo(1);
        List<RecentDelivery> three = hub.tx(w -> w.statistics.recentDeliveries(kenya.code(), 3));
        assertThat(three).extracting(RecentDelivery::trackingNumber).containsExactly(failing.trackingNumber(),
                newest.trackingNumber(), acknowledged.trackingNumber());
        assertThat(three.get(0).lastOutcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(three.get(0).lastFailure()).isEqualTo("connection refused by gw." + tanzania.code().toLowerCase());
        List<RecentDelivery> uganda2 = hub.tx(w -> w.statistics.recentDeliveries(uganda.code(), 2));
        assertThat(uganda2).extracting(
                RecentDelivery::trackingNumber, RecentDelivery::direction).containsExactly(
                        tuple(newest.trackingNumber(), Direction.RECEIVED),
                        tuple(notKenyas.trackingNumber(), Direction.SENT));
        List<RecentDelivery> nobody = hub.tx(w -> w.statistics.recentDeliveries(ExchangeWorld.newCode(), 25));
        assertThat(nobody).isEmpty();
        assertThatThrownBy(() -> hub.tx(w -> w.statistics.recentDeliveries(kenya.code(), 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hub.tx(w -> w.statistics.recentDeliveries(kenya.code(),
                ExchangeStatistics.MAX_RECENT + 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMemberStatesRecentDeliveriesAreReadAlongItsTimeIndexesWithoutSorting(DataSource dataSource)
            throws Exception {
        ExchangeWorld.persistence(dataSource);
        for (String side : List.of("sender_member", "recipient_member")) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    java.sql.ResultSet plan = s.executeQuery("EXPLAIN SELECT id, tracking_number, received_at "
                            + "FROM exchange_message WHERE " + side + " = 'KE' ORDER BY received_at DESC, id DESC "
                            + "LIMIT 25")) {
                assertThat(plan.next()).isTrue();
                assertThat(plan.getString("key")).isEqualTo("ix_exchange_" + side.replace("_member", "") + "_time");
                assertThat(String.valueOf(plan.getString("Extra"))).doesNotContain("filesort");
            }
        }
    }

    /** A database of its own on the embedded server, migrated with the real migrations. */
    private static synchronized DataSource isolatedDatabase(EmbeddedDatabase database) throws Exception {
        DataSource server = EmbeddedDatabaseExtension.dataSource(database);
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + ISOLATED_SCHEMA
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        DataSource own = EmbeddedDatabaseExtension.dataSource(database, ISOLATED_SCHEMA);
        new Migrations(own).migrate();
        return own;
    }
}
