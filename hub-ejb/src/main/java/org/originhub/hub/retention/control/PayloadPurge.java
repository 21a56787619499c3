package org.originhub.hub.retention.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.registry.events.Actor;
import org.originhub.registry.persistence.InstantConverter;

/**
 * One batch of the retention purge, in a transaction of its own so that a long backlog never becomes one long
 * transaction holding the audit chain's head: the oldest payloads still stored, of documents no longer pending,
 * received before the cut-off and covered by no legal hold in force, are deleted; each envelope keeps the time
 * ({@code payload_purged_at}) and gets a {@code PAYLOAD_PURGED} record.
 *
 * <p>Concurrency. Candidates are locked with {@code FOR UPDATE SKIP LOCKED}, so hub nodes purging at the same time
 * share the work. Placing a hold locks the messages it covers before it commits (see
 * {@link org.originhub.hub.retention.boundary.LegalHolds}), so a purge either skips them (locked) or, having locked
 * them first, finishes before the hold is placed (and the hold then reports them as already purged). The holds are
 * read once more with a locking read after the candidates are locked, because the first read in the candidates'
 * query is the transaction's snapshot and may predate a hold committed meanwhile.
 */
@Stateless
public class PayloadPurge {

    private static final String HELD = "h.lifted_at IS NULL AND (h.tracking_number = m.tracking_number "
            + "OR (h.issuer_member = m.issuer_member AND (h.co_number = m.co_number "
            + "OR h.co_number = m.replaced_co_number)))";
    // ix_exchange_purge serves it: payload_purged_at IS NULL, then received_at in order
    static final String CANDIDATES = "SELECT m.id FROM exchange_message m WHERE m.payload_purged_at IS NULL "
            + "AND m.received_at < ? AND m.delivery_status <> 'PENDING_DELIVERY' "
            + "AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE " + HELD + ") "
            + "ORDER BY m.received_at, m.id LIMIT ? FOR UPDATE SKIP LOCKED";
    static final String COUNT_HELD = "SELECT COUNT(*) FROM exchange_message m WHERE m.payload_purged_at IS NULL "
            + "AND m.received_at < ? AND m.delivery_status <> 'PENDING_DELIVERY' "
            + "AND EXISTS (SELECT 1 FROM legal_hold h WHERE " + HELD + ")";
    // native queries bypass the converters: times are bound as the same UTC text InstantConverter writes
    private static final InstantConverter SQL_TIME = new InstantConverter();

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** What one batch did: how many payloads it deleted, the first and last tracking number, whether it was full. */
    public record Batch(int purged, String firstTracking, String lastTracking, boolean full) {
    }

    /**
     * Purges up to {@code size} payloads received before {@code cutoff}, oldest first.
     *
     * @param why the policy, for the audit records (e.g. {@code retention=P10Y})
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch purgeBatch(Instant cutoff, int size, Instant now, Actor actor, String why) {
        List<Long> candidates = ids(em.createNativeQuery(CANDIDATES)
                .setParameter(1, SQL_TIME.convertToDatabaseColumn(cutoff)).setParameter(2, size));
        if (candidates.isEmpty()) {
            return new Batch(0, null, null, false);
        }
        Set<Long> heldMeanwhile = new HashSet<>(heldNow(candidates));
        List<Long> purged = new ArrayList<>();
        String first = null;
        String last = null;
        for (Long id : candidates) {
            if (heldMeanwhile.contains(id)) {
                continue;
            }
            ExchangeMessage m = em.find(ExchangeMessage.class, id);
            m.payloadPurged(now);
            purged.add(id);
            first = first == null ? m.trackingNumber().value() : first;
            last = m.trackingNumber().value();
            audit.record(AuditEntry.by(actor, "PAYLOAD_PURGED", Outcome.SUCCESS)
                    .aboutMessage(m.trackingNumber().value(), m.coNumber(), m.senderMember(), m.recipientMember())
                    .withDetail(why + " cutoff=" + cutoff + " received=" + m.receivedAt() + " status="
                            + m.delivery().status() + " sha256=" + m.payloadSha256() + " size=" + m.payloadSize()));
        }
        if (!purged.isEmpty()) {
            em.createQuery("DELETE FROM MessagePayload p WHERE p.messageId IN :ids").setParameter("ids", purged)
                    .executeUpdate();
        }
        return new Batch(purged.size(), first, last, candidates.size() == size);
    }

    /** Payloads past the cut-off that legal holds keep. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long heldBack(Instant cutoff) {
        return ((Number) em.createNativeQuery(COUNT_HELD).setParameter(1, SQL_TIME.convertToDatabaseColumn(cutoff))
                .getSingleResult()).longValue();
    }

    /** A record about a whole run (or a refused one), in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(AuditEntry entry) {
        audit.record(entry);
    }

    /** Of the locked candidates, those a hold committed since this transaction's snapshot now covers. */
    private List<Long> heldNow(List<Long> candidates) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < candidates.size(); i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        Query query = em.createNativeQuery("SELECT DISTINCT m.id FROM exchange_message m JOIN legal_hold h ON "
                + HELD + " WHERE m.id IN (" + in + ") FOR UPDATE");
        for (int i = 0; i < candidates.size(); i++) {
            query.setParameter(i + 1, candidates.get(i));
        }
        return ids(query);
    }

    private static List<Long> ids(Query query) {
        List<Long> ids = new ArrayList<>();
        for (Object id : query.getResultList()) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }
}
