package org.originhub.hub.exchange.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.entity.AttemptOutcome;
import org.originhub.hub.exchange.entity.DeliveryAttempt;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.registry.gateways.entity.DeliveryMode;

/**
 * Read-only operational figures of the exchange for the console: for the dashboard, messages today (since midnight
 * UTC) and over the last 7 days per corridor (sender, recipient) and document type, pending and failed deliveries, the
 * age of the oldest pending delivery, the gateways whose deliveries fail and the failed deliveries the secretariat may
 * resend; for a gateway's page, the recent deliveries to and from its member state. Envelope routing and delivery
 * state only: no CO number, no acknowledgement text and never a payload (those are the message log's, which records
 * who reads them).
 */
@Stateless
public class ExchangeStatistics {

    /** Failed deliveries listed at most (the message log has them all). */
    public static final int MAX_FAILED = 100;

    /** Recent deliveries of one member state listed at most. */
    public static final int MAX_RECENT = 100;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Messages of one corridor and document type: since midnight UTC and over the last 7 days. */
    public record CorridorFigure(String senderMember, String recipientMember, DocumentType documentType, long today,
            long lastSevenDays) {
    }

    /** A document whose delivery the hub gave up, with what the secretariat needs to resend it. */
    public record FailedDelivery(String trackingNumber, Instant receivedAt, String senderMember,
            String recipientMember, DocumentType documentType, int attempts, Instant failedAt) {
    }

    /**
     * A recipient gateway whose deliveries fail: {@code failed} documents it gave up on (FAILED_DELIVERY) and
     * {@code retrying} PUSH documents still pending after at least one failed push; {@code lastAttemptAt} is the
     * latest attempt at any of them.
     */
    public record FailingGateway(long gatewayId, String memberCode, long failed, long retrying,
            Instant lastAttemptAt) {
    }

    /** Which way a document went, seen from the member state whose deliveries are listed. */
    public enum Direction {
        /** The member state sent it; the counterpart receives it. */
        SENT,
        /** The member state receives it from the counterpart. */
        RECEIVED
    }

    /**
     * One document to or from a member state, with its delivery state: the last attempt's outcome, and for a failed
     * push its failure (a transport or gateway error, never document content). No CO number, no payload.
     */
    public record RecentDelivery(String trackingNumber, Instant receivedAt, Direction direction, String counterpart,
            DocumentType documentType, DeliveryStatus status, int attempts, Instant lastAttemptAt,
            AttemptOutcome lastOutcome, String lastFailure) {
    }

    /** Everything the dashboard shows about the exchange, read at {@code at}. */
    public record Figures(Instant at, long today, long lastSevenDays, List<CorridorFigure> corridors, long pending,
            long failed, Instant oldestPendingSince, List<FailedDelivery> failedDeliveries,
            List<FailingGateway> failingGateways) {

        /** How long the oldest pending document has waited, or null when none is pending. */
        public Duration oldestPendingAge() {
            return oldestPendingSince == null ? null : Duration.between(oldestPendingSince, at);
        }
    }

    public Figures figures() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant midnight = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant weekAgo = now.minus(Duration.ofDays(7));
        Map<List<Object>, long[]> counts = new LinkedHashMap<>();
        count(counts, weekAgo, 1);
        count(counts, midnight, 0);
        List<CorridorFigure> corridors = new ArrayList<>();
        counts.forEach((key, c) -> corridors.add(new CorridorFigure((String) key.get(0), (String) key.get(1),
                (DocumentType) key.get(2), c[0], c[1])));
        corridors.sort(Comparator.comparingLong(CorridorFigure::lastSevenDays).reversed()
                .thenComparing(CorridorFigure::senderMember).thenComparing(CorridorFigure::recipientMember)
                .thenComparing(CorridorFigure::documentType));
        long today = corridors.stream().mapToLong(CorridorFigure::today).sum();
        long week = corridors.stream().mapToLong(CorridorFigure::lastSevenDays).sum();
        long pending = status(DeliveryStatus.PENDING_DELIVERY);
        long failed = status(DeliveryStatus.FAILED_DELIVERY);
        Instant oldest = em.createQuery("SELECT MIN(m.receivedAt) FROM ExchangeMessage m WHERE m.delivery.status = "
                + ":status", Instant.class).setParameter("status", DeliveryStatus.PENDING_DELIVERY).getSingleResult();
        List<FailedDelivery> failedDeliveries = em.createQuery("SELECT m FROM ExchangeMessage m WHERE "
                + "m.delivery.status = :status ORDER BY m.delivery.failedAt DESC, m.id DESC", ExchangeMessage.class)
                .setParameter("status", DeliveryStatus.FAILED_DELIVERY).setMaxResults(MAX_FAILED).getResultStream()
                .map(m -> new FailedDelivery(m.trackingNumber().value(), m.receivedAt(), m.senderMember(),
                        m.recipientMember(), m.documentType(), m.delivery().attempts(), m.delivery().failedAt()))
                .toList();
        return new Figures(now, today, week, corridors, pending, failed, oldest, failedDeliveries,
                failingGateways());
    }

    /**
     * Recipient gateways with failed deliveries or failing PUSH retries, most failures first. Reads only the failed
     * and pending documents (the status index), never the delivered history.
     */
    private List<FailingGateway> failingGateways() {
        Map<Long, FailingGateway> byGateway = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("SELECT m.recipientGatewayId, m.recipientMember, m.delivery.status, "
                + "COUNT(m), MAX(m.delivery.lastAttemptAt) FROM ExchangeMessage m WHERE m.delivery.status = :failed "
                + "OR (m.delivery.status = :pending AND m.deliveryMode = :push AND m.delivery.attempts > 0) "
                + "GROUP BY m.recipientGatewayId, m.recipientMember, m.delivery.status", Object[].class)
                .setParameter("failed", DeliveryStatus.FAILED_DELIVERY)
                .setParameter("pending", DeliveryStatus.PENDING_DELIVERY)
                .setParameter("push", DeliveryMode.PUSH).getResultList()) {
            long gateway = ((Number) row[0]).longValue();
            long count = ((Number) row[3]).longValue();
            boolean failed = row[2] == DeliveryStatus.FAILED_DELIVERY;
            FailingGateway known = byGateway.get(gateway);
            Instant last = latest(known == null ? null : known.lastAttemptAt(), (Instant) row[4]);
            byGateway.put(gateway, new FailingGateway(gateway, (String) row[1],
                    (known == null ? 0 : known.failed()) + (failed ? count : 0),
                    (known == null ? 0 : known.retrying()) + (failed ? 0 : count), last));
        }
        List<FailingGateway> gateways = new ArrayList<>(byGateway.values());
        gateways.sort(Comparator.comparingLong((FailingGateway g) -> g.failed() + g.retrying()).reversed()
                .thenComparingLong(FailingGateway::gatewayId));
        return gateways;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /**
     * The newest {@code limit} documents (at most {@value #MAX_RECENT}) that {@code memberCode} sent or receives,
     * newest first, with their delivery state. Two bounded reads along the (sender, time) and (recipient, time)
     * indexes, merged here, then one read of the listed documents' last attempts by their unique key.
     */
    public List<RecentDelivery> recentDeliveries(String memberCode, int limit) {
        if (limit < 1 || limit > MAX_RECENT) {
            throw new IllegalArgumentException("between 1 and " + MAX_RECENT + " recent deliveries, not " + limit);
        }
        List<Row> rows = new ArrayList<>(newest("senderMember", memberCode, limit));
        rows.addAll(newest("recipientMember", memberCode, limit));
        rows.sort(Comparator.comparing(Row::receivedAt).thenComparingLong(Row::id).reversed());
        List<Row> recent = rows.stream().limit(limit).toList();
        if (recent.isEmpty()) {
            return List.of();
        }
        Map<Long, DeliveryAttempt> lastAttempts = new HashMap<>();
        em.createQuery("SELECT a FROM DeliveryAttempt a WHERE a.messageId IN :ids AND a.number = "
                + "(SELECT MAX(b.number) FROM DeliveryAttempt b WHERE b.messageId = a.messageId)",
                DeliveryAttempt.class).setParameter("ids", recent.stream().map(Row::id).toList())
                .getResultStream().forEach(a -> lastAttempts.put(a.messageId(), a));
        return recent.stream().map(r -> {
            boolean sent = memberCode.equals(r.sender());
            DeliveryAttempt last = lastAttempts.get(r.id());
            AttemptOutcome outcome = last == null ? null : last.outcome();
            return new RecentDelivery(r.trackingNumber(), r.receivedAt(), sent ? Direction.SENT : Direction.RECEIVED,
                    sent ? r.recipient() : r.sender(), r.documentType(), r.status(), r.attempts(), r.lastAttemptAt(),
                    outcome, outcome == AttemptOutcome.FAILED ? last.detail() : null);
        }).toList();
    }

    /** The envelope routing and delivery columns of one document: no CO number, no acknowledgement text. */
    private record Row(long id, String trackingNumber, Instant receivedAt, String sender, String recipient,
            DocumentType documentType, DeliveryStatus status, int attempts, Instant lastAttemptAt) {
    }

    private List<Row> newest(String side, String memberCode, int limit) {
        return em.createQuery("SELECT m.id, m.trackingNumber, m.receivedAt, m.senderMember, m.recipientMember, "
                + "m.documentType, m.delivery.status, m.delivery.attempts, m.delivery.lastAttemptAt "
                + "FROM ExchangeMessage m WHERE m."
                + side + " = :member ORDER BY m.receivedAt DESC, m.id DESC", Object[].class)
                .setParameter("member", memberCode).setMaxResults(limit).getResultStream()
                .map(c -> new Row(((Number) c[0]).longValue(), (String) c[1], (Instant) c[2], (String) c[3],
                        (String) c[4], (DocumentType) c[5], (DeliveryStatus) c[6], ((Number) c[7]).intValue(),
                        (Instant) c[8])).toList();
    }

    private void count(Map<List<Object>, long[]> counts, Instant since, int slot) {
        for (Object[] row : em.createQuery("SELECT m.senderMember, m.recipientMember, m.documentType, COUNT(m) "
                + "FROM ExchangeMessage m WHERE m.receivedAt >= :since GROUP BY m.senderMember, m.recipientMember, "
                + "m.documentType", Object[].class).setParameter("since", since).getResultList()) {
            counts.computeIfAbsent(List.of(row[0], row[1], row[2]), k -> new long[2])[slot] = ((Number) row[3])
                    .longValue();
        }
    }

    private long status(DeliveryStatus status) {
        return em.createQuery("SELECT COUNT(m) FROM ExchangeMessage m WHERE m.delivery.status = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }
}
