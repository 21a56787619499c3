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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.exchange.entity.DeliveryStatus;
import org.originhub.hub.exchange.entity.DocumentType;
import org.originhub.hub.exchange.entity.ExchangeMessage;

/**
 * Read-only operational figures of the exchange for the console's dashboard: messages today (since midnight UTC) and
 * over the last 7 days per corridor (sender, recipient) and document type, pending and failed deliveries, the age of
 * the oldest pending delivery, and the failed deliveries the secretariat may resend. Envelope routing only: no CO
 * number and never a payload (those are the message log's, which records who reads them).
 */
@Stateless
public class ExchangeStatistics {

    /** Failed deliveries listed at most (the message log has them all). */
    public static final int MAX_FAILED = 100;

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

    /** Everything the dashboard shows about the exchange, read at {@code at}. */
    public record Figures(Instant at, long today, long lastSevenDays, List<CorridorFigure> corridors, long pending,
            long failed, Instant oldestPendingSince, List<FailedDelivery> failedDeliveries) {

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
        Instant oldest = em.createQuery("SELECT MIN(m.receivedAt) FROM ExchangeMessage m WHERE m.deliveryStatus = "
                + ":status", Instant.class).setParameter("status", DeliveryStatus.PENDING_DELIVERY).getSingleResult();
        List<FailedDelivery> failedDeliveries = em.createQuery("SELECT m FROM ExchangeMessage m WHERE "
                + "m.deliveryStatus = :status ORDER BY m.failedAt DESC, m.id DESC", ExchangeMessage.class)
                .setParameter("status", DeliveryStatus.FAILED_DELIVERY).setMaxResults(MAX_FAILED).getResultStream()
                .map(m -> new FailedDelivery(m.trackingNumber().value(), m.receivedAt(), m.senderMember(),
                        m.recipientMember(), m.documentType(), m.attempts(), m.failedAt())).toList();
        return new Figures(now, today, week, corridors, pending, failed, oldest, failedDeliveries);
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
        return em.createQuery("SELECT COUNT(m) FROM ExchangeMessage m WHERE m.deliveryStatus = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }
}
