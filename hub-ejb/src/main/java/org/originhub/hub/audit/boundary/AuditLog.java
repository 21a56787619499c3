package org.originhub.hub.audit.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.originhub.hub.audit.control.AuditChainVerifier;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.ChainVerification;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;

/**
 * Reading the audit log: search, export and verification. Auditors and the secretariat read everything; a member
 * auditor only records concerning its own member state (actor member, sender or recipient), whatever it asks for.
 * Every search and export is itself recorded (AUDIT_QUERIED / AUDIT_EXPORTED, the effective filter in the detail)
 * in the same transaction, and so is a refused one.
 */
@Stateless
public class AuditLog {

    public static final int MAX_LIMIT = 500;
    /** Records read per round trip when exporting or verifying; the persistence context is cleared between pages. */
    static final int PAGE = 10_000;
    static final String VERIFIED = "AUDIT_VERIFIED";

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail trail;

    @Inject
    Checkpoints checkpoints;

    /**
     * The filter {@code caller} may run: unchanged for auditors and the secretariat, forced to the caller's member
     * state for a member auditor. Asking for another member state, or having any other role, is refused and recorded.
     */
    public AuditFilter authorize(AuthenticatedUser caller, AuditFilter filter, String action) {
        AuditFilter asked = filter == null ? AuditFilter.none() : filter;
        switch (caller.role()) {
            case AUDITOR, SECRETARIAT_ADMIN -> {
                return asked;
            }
            case MEMBER_AUDITOR -> {
                if (asked.member() == null || asked.member().equals(caller.memberCode())) {
                    return asked.withMember(caller.memberCode());
                }
                refuse(caller, asked, action);
                throw new AuditAccessRefusedException("A member auditor reads the records of its own member state ("
                        + caller.memberCode() + ") only");
            }
            default -> {
                refuse(caller, asked, action);
                throw new AuditAccessRefusedException("Your role may not read the audit log");
            }
        }
    }

    /** One page, newest or oldest first, after the keyset {@code after} (a seq from the previous page's next). */
    public AuditPage search(AuthenticatedUser caller, AuditFilter filter, Long after, int limit, boolean newestFirst) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidAuditQueryException("limit must be between 1 and " + MAX_LIMIT);
        }
        AuditFilter effective = authorize(caller, filter, "AUDIT_QUERIED");
        List<AuditRecord> found = query(effective, after, newestFirst, limit + 1);
        Long next = found.size() > limit ? found.get(limit - 1).seq() : null;
        List<AuditRecordView> records = new ArrayList<>(Math.min(found.size(), limit));
        for (int i = 0; i < found.size() && i < limit; i++) {
            records.add(AuditRecordView.of(found.get(i)));
        }
        record(caller, "AUDIT_QUERIED", Outcome.SUCCESS, effective.describe() + " after=" + after + " limit=" + limit
                + " order=" + (newestFirst ? "newest" : "oldest") + " returned=" + records.size());
        return new AuditPage(records, next);
    }

    /**
     * How many records match, under the same access rule as {@link #search} (whose call, recorded, accompanies this
     * one, so the count itself is not recorded again).
     */
    public long count(AuthenticatedUser caller, AuditFilter filter) {
        AuditFilter effective = authorize(caller, filter, "AUDIT_QUERIED");
        if (readsMemberIndex(effective)) {
            Long[] range = seqRange(effective, null, true);
            if (range == null) {
                return 0;
            }
            List<Object> values = new ArrayList<>();
            StringBuilder sql = memberConditions("SELECT COUNT(*) FROM audit_member", effective, range, values);
            return ((Number) nativeQuery(sql.toString(), values).getSingleResult()).longValue();
        }
        StringBuilder jpql = new StringBuilder("SELECT COUNT(r) FROM AuditRecord r WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        conditions(jpql, parameters, effective);
        TypedQuery<Long> query = em.createQuery(jpql.toString(), Long.class);
        parameters.forEach(query::setParameter);
        return query.getSingleResult();
    }

    /**
     * Writes every matching record, oldest first, in {@code format}. An unfiltered JSON-lines export also carries the
     * signed checkpoints, each right after the record it names (and any naming a record beyond the last one at the
     * end), so that it verifies offline, checkpoints included. The export is recorded after the last record is
     * written, so appending does not hold the chain head (and every other audited action) for the whole export; an
     * export that fails midway rolls back and is not recorded.
     */
    public long export(AuthenticatedUser caller, AuditFilter filter, AuditExportFormat format, Writer out) {
        AuditFilter effective = authorize(caller, filter, "AUDIT_EXPORTED");
        boolean withCheckpoints = format == AuditExportFormat.JSONL && effective.isNone();
        CheckpointStream signed = new CheckpointStream(withCheckpoints);
        long written = 0;
        try {
            out.write(format.header());
            Long after = null;
            List<AuditRecord> page;
            do {
                page = query(effective, after, false, PAGE);
                for (AuditRecord r : page) {
                    out.write(format.line(r));
                    after = r.seq();
                    for (AuditCheckpoint c = signed.nextUpTo(r.seq()); c != null; c = signed.nextUpTo(r.seq())) {
                        out.write(format.checkpointLine(c));
                    }
                }
                written += page.size();
                em.clear();
            } while (page.size() == PAGE);
            for (AuditCheckpoint c = signed.nextUpTo(Long.MAX_VALUE); c != null; c = signed.nextUpTo(Long.MAX_VALUE)) {
                out.write(format.checkpointLine(c));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written", e);
        }
        record(caller, "AUDIT_EXPORTED", Outcome.SUCCESS, effective.describe() + " format="
                + format.extension() + " records=" + written + (withCheckpoints ? " checkpoints=" + signed.count : ""));
        return written;
    }

    /**
     * Recomputes the whole chain from the database, in pages by sequence, checks every signed checkpoint against the
     * record it names (and its signature against the hub's certificates), and compares the chain's end with the hub's
     * chain head. One transaction, so that head, checkpoints and records are one consistent snapshot while appends go
     * on.
     */
    public ChainVerification verify() {
        AuditHead head = em.createQuery("SELECT h FROM AuditHead h", AuditHead.class).getSingleResult();
        long headSeq = head.seq();
        String headHash = head.hash();
        CheckpointStream signed = new CheckpointStream(true);
        AuditChainVerifier verifier = new AuditChainVerifier(checkpoints.trustedSigners());
        long after = 0;
        boolean going = true;
        while (going) {
            List<AuditRecord> page = em.createQuery("SELECT r FROM AuditRecord r WHERE r.seq > :after ORDER BY r.seq",
                    AuditRecord.class).setParameter("after", after).setMaxResults(PAGE).getResultList();
            for (AuditRecord r : page) {
                if (!verifier.accept(AuditChainVerifier.Link.of(r))) {
                    going = false;
                    break;
                }
                after = r.seq();
                for (AuditCheckpoint c = signed.nextUpTo(r.seq()); going && c != null; c = signed.nextUpTo(r.seq())) {
                    going = verifier.acceptCheckpoint(AuditChainVerifier.CheckpointLink.of(c));
                }
                if (!going) {
                    break;
                }
            }
            going &= page.size() == PAGE;
            em.clear();
        }
        // A checkpoint beyond the last record breaks the chain: records were deleted from its end.
        for (AuditCheckpoint c = signed.nextUpTo(Long.MAX_VALUE); c != null
                && verifier.acceptCheckpoint(AuditChainVerifier.CheckpointLink.of(c));
                c = signed.nextUpTo(Long.MAX_VALUE)) {
            // each one is checked in the condition
        }
        return verifier.verifyAgainstHead(headSeq, headHash);
    }

    /**
     * {@link #verify()} on behalf of {@code caller} (an auditor or the secretariat), recorded as AUDIT_VERIFIED with
     * the result in the detail: outcome SUCCESS when the chain is intact, FAILED when it is broken. The record is
     * appended after the verification, so it is not part of what was verified.
     */
    public ChainVerification verify(AuthenticatedUser caller) {
        if (caller.role() != Role.AUDITOR && caller.role() != Role.SECRETARIAT_ADMIN) {
            record(caller, VERIFIED, Outcome.REJECTED, "whole chain");
            throw new AuditAccessRefusedException("Only auditors and the secretariat verify the whole chain");
        }
        ChainVerification result = verify();
        record(caller, VERIFIED, result.intact() ? Outcome.SUCCESS : Outcome.FAILED, result.intact()
                ? "intact count=" + result.count() + " headSeq=" + result.headSeq() + " headHash=" + result.headHash()
                : "broken brokenAt=" + result.brokenAt() + " problem=" + result.problem());
        return result;
    }

    /** The most recent recorded verification that ran (intact or broken), for status displays; not itself recorded. */
    public Optional<AuditRecordView> lastVerification() {
        return em.createQuery("SELECT r FROM AuditRecord r WHERE r.action = :action AND r.outcome <> :refused "
                + "ORDER BY r.seq DESC", AuditRecord.class).setParameter("action", VERIFIED)
                .setParameter("refused", Outcome.REJECTED.name()).setMaxResults(1).getResultStream()
                .map(AuditRecordView::of).findFirst();
    }

    /**
     * The checkpoints in sequence order, read a page at a time alongside the records rather than all at once: at the
     * default period a year brings 52,560 of them, each with its certificate.
     */
    private final class CheckpointStream {
        private static final int CHECKPOINT_PAGE = 1_000;
        private List<AuditCheckpoint> page = List.of();
        private int next;
        private long after;
        private boolean exhausted;
        long count;

        CheckpointStream(boolean enabled) {
            this.exhausted = !enabled;
        }

        /** The next checkpoint if it names a record up to {@code seq}, else null (it stays next). */
        AuditCheckpoint nextUpTo(long seq) {
            if (next >= page.size()) {
                if (exhausted) {
                    return null;
                }
                page = em.createQuery("SELECT c FROM AuditCheckpoint c WHERE c.seq > :after ORDER BY c.seq",
                        AuditCheckpoint.class).setParameter("after", after).setMaxResults(CHECKPOINT_PAGE)
                        .getResultList();
                next = 0;
                exhausted = page.size() < CHECKPOINT_PAGE;
                if (page.isEmpty()) {
                    return null;
                }
                after = page.get(page.size() - 1).seq();
            }
            AuditCheckpoint c = page.get(next);
            if (c.seq() > seq) {
                return null;
            }
            next++;
            count++;
            return c;
        }
    }

    /**
     * One page of matching records after the keyset {@code after}, in sequence order. Built for the indexes of V7
     * and V9: a time range becomes a range of sequence numbers first (times never go backwards along the chain, and
     * the time index finds both ends at once); then every filter is an equality on an index whose entries are in
     * sequence order ((column, seq) in InnoDB), read from the right end and stopped after one page, whatever the size
     * of the log. The member filter reads audit_member, where the member's three columns are one key.
     */
    private List<AuditRecord> query(AuditFilter f, Long after, boolean newestFirst, int max) {
        Long[] range = seqRange(f, after, newestFirst);
        if (range == null) {
            return List.of();
        }
        Long lo = range[0];
        Long hi = range[1];
        String order = newestFirst ? " DESC" : "";
        if (readsMemberIndex(f)) {
            List<Object> values = new ArrayList<>();
            StringBuilder sql = memberConditions("SELECT seq FROM audit_member", f, range, values);
            sql.append(" ORDER BY seq").append(order).append(" LIMIT ?");
            values.add(max);
            List<Long> seqs = new ArrayList<>();
            for (Object seq : nativeQuery(sql.toString(), values).getResultList()) {
                seqs.add(((Number) seq).longValue());
            }
            if (seqs.isEmpty()) {
                return List.of();
            }
            return em.createQuery("SELECT r FROM AuditRecord r WHERE r.seq IN :seqs ORDER BY r.seq" + order,
                    AuditRecord.class).setParameter("seqs", seqs).getResultList();
        }
        // The indexes that answer this filter's equalities in sequence order, and only those. Left to itself, MariaDB
        // 10.11 weighs the primary key too for ORDER BY seq ... LIMIT. And whenever it has to read rows through an
        // index (SELECT *), it may take ref access on the equality alone for a busy value and keep the seq range as a
        // row filter: a newest-first page then reads every record of that value newer than the range (measured with
        // ANALYZE at 1M records: action over 90 days 112,451 rows and 3.6 s; a busy gateway 145,586 rows). Reading
        // only the index (SELECT seq, which every secondary index holds) it takes the range on (column, seq): one
        // page of entries. So a single equality reads the page's sequence numbers from its index first.
        List<String> indexes = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        sql(where, values, lo, " AND seq >= ?");
        sql(where, values, hi, " AND seq <= ?");
        if (f.member() != null) {
            where.append(" AND (actor_member = ? OR sender_member = ? OR recipient_member = ?)");
            values.addAll(List.of(f.member(), f.member(), f.member()));
        }
        equality(where, values, indexes, f.action(), "action", "ix_audit_action_seq");
        equality(where, values, indexes, f.outcome() == null ? null : f.outcome().name(), "outcome",
                "ix_audit_outcome_seq");
        equality(where, values, indexes, f.actor(), "actor", "ix_audit_actor_seq");
        equality(where, values, indexes, f.trackingNumber(), "tracking_number", "ix_audit_tracking");
        equality(where, values, indexes, f.coNumber(), "co_number", "ix_audit_co_number");
        String hint = indexes.isEmpty() ? "" : " USE INDEX (" + String.join(", ", indexes) + ")";
        String tail = " ORDER BY seq" + order + " LIMIT ?";
        values.add(max);
        if (indexes.size() == 1 && f.member() == null) {
            List<Long> seqs = new ArrayList<>();
            for (Object seq : nativeQuery("SELECT seq FROM audit_record" + hint + where + tail, values)
                    .getResultList()) {
                seqs.add(((Number) seq).longValue());
            }
            return seqs.isEmpty() ? List.of() : em.createQuery("SELECT r FROM AuditRecord r WHERE r.seq IN :seqs "
                    + "ORDER BY r.seq" + order, AuditRecord.class).setParameter("seqs", seqs).getResultList();
        }
        jakarta.persistence.Query query = em.createNativeQuery("SELECT * FROM audit_record" + hint + where + tail,
                AuditRecord.class);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        @SuppressWarnings("unchecked")
        List<AuditRecord> found = query.getResultList();
        return found;
    }

    private static void equality(StringBuilder where, List<Object> values, List<String> indexes, Object value,
            String column, String index) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            values.add(value);
            indexes.add(index);
        }
    }

    /**
     * The range of sequence numbers {lo, hi} (either null when open) that the filter's time range and the keyset
     * {@code after} leave, or null when it is empty. Times never go backwards along the chain, so a time range is a
     * range of sequence numbers, and the time index finds both ends.
     */
    private Long[] seqRange(AuditFilter f, Long after, boolean newestFirst) {
        Long lo = null;
        Long hi = null;
        if (f.from() != null) {
            lo = firstSeq(em.createQuery("SELECT r.seq FROM AuditRecord r WHERE r.recordedAt >= :t "
                    + "ORDER BY r.recordedAt, r.seq", Long.class), f.from());
            if (lo == null) {
                return null;
            }
        }
        if (f.to() != null) {
            hi = firstSeq(em.createQuery("SELECT r.seq FROM AuditRecord r WHERE r.recordedAt < :t "
                    + "ORDER BY r.recordedAt DESC, r.seq DESC", Long.class), f.to());
            if (hi == null) {
                return null;
            }
        }
        if (after != null && newestFirst) {
            hi = hi == null ? after - 1 : Math.min(hi, after - 1);
        } else if (after != null) {
            lo = lo == null ? after + 1 : Math.max(lo, after + 1);
        }
        return lo != null && hi != null && lo > hi ? null : new Long[] {lo, hi};
    }

    /**
     * The member filter (actor member, sender or recipient) reads audit_member (V9): one row per member state a record
     * concerns, keyed (member, seq), with indexes (member, action, seq), (member, outcome, seq) and (member, actor,
     * seq), so the member alone or with any of those filters is one ordered read of one page. A tracking or CO number
     * names a handful of records: its own index finds them and the member is checked on those.
     */
    private static boolean readsMemberIndex(AuditFilter f) {
        return f.member() != null && f.trackingNumber() == null && f.coNumber() == null;
    }

    private static StringBuilder memberConditions(String select, AuditFilter f, Long[] range, List<Object> values) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE member = ?");
        values.add(f.member());
        sql(sql, values, range[0], " AND seq >= ?");
        sql(sql, values, range[1], " AND seq <= ?");
        sql(sql, values, f.action(), " AND action = ?");
        sql(sql, values, f.outcome() == null ? null : f.outcome().name(), " AND outcome = ?");
        sql(sql, values, f.actor(), " AND actor = ?");
        return sql;
    }

    private jakarta.persistence.Query nativeQuery(String sql, List<Object> values) {
        jakarta.persistence.Query query = em.createNativeQuery(sql);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }

    private static Long firstSeq(TypedQuery<Long> query, java.time.Instant time) {
        List<Long> found = query.setParameter("t", time).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static void sql(StringBuilder sql, List<Object> values, Object value, String clause) {
        if (value != null) {
            sql.append(clause);
            values.add(value);
        }
    }

    private static void conditions(StringBuilder jpql, Map<String, Object> parameters, AuditFilter f) {
        condition(jpql, parameters, f.from(), " AND r.recordedAt >= :from", "from");
        condition(jpql, parameters, f.to(), " AND r.recordedAt < :to", "to");
        condition(jpql, parameters, f.member(),
                " AND (r.actorMember = :member OR r.senderMember = :member OR r.recipientMember = :member)", "member");
        condition(jpql, parameters, f.action(), " AND r.action = :action", "action");
        condition(jpql, parameters, f.outcome() == null ? null : f.outcome().name(), " AND r.outcome = :outcome",
                "outcome");
        condition(jpql, parameters, f.actor(), " AND r.actor = :actor", "actor");
        condition(jpql, parameters, f.trackingNumber(), " AND r.trackingNumber = :trackingNumber", "trackingNumber");
        condition(jpql, parameters, f.coNumber(), " AND r.coNumber = :coNumber", "coNumber");
    }

    private static void condition(StringBuilder jpql, Map<String, Object> parameters, Object value, String clause,
            String name) {
        if (value != null) {
            jpql.append(clause);
            parameters.put(name, value);
        }
    }

    private void refuse(AuthenticatedUser caller, AuditFilter asked, String action) {
        record(caller, action, Outcome.REJECTED, asked.describe());
    }

    private void record(AuthenticatedUser caller, String action, Outcome outcome, String detail) {
        trail.record(new AuditEntry("USER", caller.username(), caller.memberCode(), action, outcome, "AuditLog", null,
                null, null, null, null, detail));
    }
}
