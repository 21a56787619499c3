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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * The filter {@code caller} may run: unchanged for auditors and the secretariat, for whom a counterpart without a
     * member is a bad query; for a member auditor, with the caller's member state as {@code member} (a filter that
     * names it only as the counterpart is turned round: the records between the two are the same). Asking for another
     * member state, or having any other role, is refused and recorded.
     */
    public AuditFilter authorize(AuthenticatedUser caller, AuditFilter filter, String action) {
        AuditFilter asked = filter == null ? AuditFilter.none() : filter;
        switch (caller.role()) {
            case AUDITOR, SECRETARIAT_ADMIN -> {
                if (asked.counterpart() != null && asked.member() == null) {
                    throw new InvalidAuditQueryException("counterpart needs member: the records between member and "
                            + "counterpart");
                }
                return asked;
            }
            case MEMBER_AUDITOR -> {
                String own = caller.memberCode();
                if (asked.member() == null || asked.member().equals(own)) {
                    return asked.withParties(own, asked.counterpart());
                }
                if (own.equals(asked.counterpart())) {
                    return asked.withParties(own, asked.member());
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
            return ((Number) nativeQuery(memberStatement("SELECT COUNT(*)", effective, range)).getSingleResult())
                    .longValue();
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
     * The indexes whose entries are in sequence order for each value of their equality columns ((columns..., seq) in
     * InnoDB), best first: a set of equality filters reads the first one all of whose columns it fixes. Each pair of
     * action, outcome and actor has its own (V11), so one or two of them read one page of index entries, like one
     * filter alone. All three join (actor, outcome, seq) and (actor, action, seq) on seq, both read index-only (see
     * query): checking the third on the records found read, at 1M over 90 days, 3,663 entries for the hub's FAILED
     * delivery attempts through (actor, action, seq), and through (actor, outcome, seq) MariaDB took ref access for a
     * busy gateway's successes at 10M (p95 8.6 s).
     */
    private static final List<SeqIndex> RECORD_INDEXES = List.of(
            new SeqIndex("ix_audit_actor_outcome_seq", "actor", "outcome"),
            new SeqIndex("ix_audit_actor_action_seq", "actor", "action"),
            new SeqIndex("ix_audit_action_outcome_seq", "action", "outcome"),
            new SeqIndex("ix_audit_action_seq", "action"),
            new SeqIndex("ix_audit_outcome_seq", "outcome"),
            new SeqIndex("ix_audit_actor_seq", "actor"));
    /** audit_member's (V9, V11), all after the member; the primary key (member, seq) when only the member is asked. */
    private static final List<SeqIndex> MEMBER_INDEXES = List.of(
            new SeqIndex("ix_audit_member_actor", "actor"),
            new SeqIndex("ix_audit_member_action_outcome", "action", "outcome"),
            new SeqIndex("ix_audit_member_action", "action"),
            new SeqIndex("ix_audit_member_outcome", "outcome"),
            new SeqIndex("PRIMARY"));
    /**
     * audit_pair's (V12), all after the member and its counterpart: only a filter whose equalities are exactly an
     * index's columns reads it (member + counterpart alone, with or without a time range: the primary key). With action,
     * outcome or actor the pair's rows would be read until a page matched them too (a value the pair rarely has: all of
     * the pair's range), so those keep the audit_member self-join through the index that holds them on both sides.
     */
    private static final List<SeqIndex> PAIR_INDEXES = List.of(
            new SeqIndex("PRIMARY"));

    /** An index read in sequence order for fixed values of {@code columns}. */
    private record SeqIndex(String name, List<String> columns) {

        SeqIndex(String name, String... columns) {
            this(name, List.of(columns));
        }

        /** The first of {@code indexes} all of whose columns {@code filtered} fixes, or null. */
        static SeqIndex choose(List<SeqIndex> indexes, Set<String> filtered) {
            for (SeqIndex index : indexes) {
                if (filtered.containsAll(index.columns())) {
                    return index;
                }
            }
            return null;
        }

        /** The first of {@code indexes} whose columns are exactly {@code filtered} (no residual), or null. */
        static SeqIndex exactly(List<SeqIndex> indexes, Set<String> filtered) {
            for (SeqIndex index : indexes) {
                if (filtered.size() == index.columns().size() && filtered.containsAll(index.columns())) {
                    return index;
                }
            }
            return null;
        }
    }

    /** A native statement and its positional parameters. */
    private record Statement(StringBuilder sql, List<Object> values) {

        Statement(String sql) {
            this(new StringBuilder(sql), new ArrayList<>());
        }

        Statement and(String clause, Object value) {
            if (value != null) {
                sql.append(clause);
                values.add(value);
            }
            return this;
        }
    }

    /**
     * One page of matching records after the keyset {@code after}, in sequence order. Built for the indexes of V7, V9
     * and V11: a time range becomes a range of sequence numbers first (times never go backwards along the chain, and
     * the time index finds both ends at once); then the equality filters read one index whose entries are in sequence
     * order for their values, from the right end, stopped after one page whatever the size of the log. The member
     * filter reads audit_member, where the member's three columns are one key; a counterpart reads audit_pair, or,
     * with other equalities, a second audit_member row of the same record.
     */
    private List<AuditRecord> query(AuditFilter f, Long after, boolean newestFirst, int max) {
        Long[] range = seqRange(f, after, newestFirst);
        if (range == null) {
            return List.of();
        }
        String order = newestFirst ? " DESC" : "";
        if (readsMemberIndex(f)) {
            Statement seqs = memberStatement("SELECT a.seq", f, range);
            seqs.sql().append(" ORDER BY a.seq").append(order);
            return byPrimaryKey(seqs.and(" LIMIT ?", max), order);
        }
        // The equalities read the page's sequence numbers from the one index that holds them all (or, for all three,
        // two of them) first, and the records by primary key after. Left to itself, MariaDB 10.11 weighs the primary
        // key too for ORDER BY seq ... LIMIT. And whenever it has to read rows through an index (SELECT *), it may
        // take ref access on the equality alone for a busy value and keep the seq range as a row filter: a
        // newest-first page then reads every record of that value newer than the range (measured with ANALYZE at 1M
        // records: action over 90 days 112,451 rows and 3.6 s; a busy gateway 145,586 rows). Reading only the index
        // (SELECT seq, which every secondary index holds) it takes the range on (columns..., seq): one page of entries.
        Map<String, Object> equalities = equalities(f);
        if (f.member() == null && f.trackingNumber() == null && f.coNumber() == null && !equalities.isEmpty()) {
            SeqIndex index = SeqIndex.choose(RECORD_INDEXES, equalities.keySet());
            Statement seqs = new Statement("SELECT a.seq FROM audit_record a USE INDEX (" + index.name() + ")");
            List<String> rest = equalities.keySet().stream().filter(c -> !index.columns().contains(c)).toList();
            if (!rest.isEmpty()) {
                // All three: the one the index lacks is checked in a second index that holds it, joined on seq, not on
                // the record (which would bring back the ref access above: seconds for a busy gateway's successes).
                // Symmetric like a counterpart: MariaDB reads the side with fewer entries and looks up the other.
                SeqIndex other = SeqIndex.choose(RECORD_INDEXES.stream()
                        .filter(i -> i.columns().containsAll(rest)).toList(), equalities.keySet());
                seqs.sql().append(" JOIN audit_record b USE INDEX (").append(other.name()).append(") ON b.seq = a.seq");
                other.columns().forEach(column -> seqs.and(" AND b." + column + " = ?", equalities.get(column)));
            }
            seqs.sql().append(" WHERE 1 = 1");
            seqs.and(" AND a.seq >= ?", range[0]).and(" AND a.seq <= ?", range[1]);
            index.columns().forEach(column -> seqs.and(" AND a." + column + " = ?", equalities.get(column)));
            seqs.sql().append(" ORDER BY a.seq").append(order);
            return byPrimaryKey(seqs.and(" LIMIT ?", max), order);
        }
        // No filter but time (the primary key), or a tracking or CO number: a handful of records, found by its own
        // index and checked against the other filters.
        List<String> indexes = new ArrayList<>();
        if (f.trackingNumber() != null) {
            indexes.add("ix_audit_tracking");
        }
        if (f.coNumber() != null) {
            indexes.add("ix_audit_co_number");
        }
        Statement select = new Statement("SELECT * FROM audit_record"
                + (indexes.isEmpty() ? "" : " USE INDEX (" + String.join(", ", indexes) + ")") + " WHERE 1 = 1")
                .and(" AND seq >= ?", range[0]).and(" AND seq <= ?", range[1])
                .and(" AND tracking_number = ?", f.trackingNumber()).and(" AND co_number = ?", f.coNumber());
        equalities.forEach((column, value) -> select.and(" AND " + column + " = ?", value));
        for (String party : new String[] {f.member(), f.counterpart()}) {
            if (party != null) {
                select.sql().append(" AND (actor_member = ? OR sender_member = ? OR recipient_member = ?)");
                select.values().addAll(List.of(party, party, party));
            }
        }
        select.sql().append(" ORDER BY seq").append(order);
        select.and(" LIMIT ?", max);
        jakarta.persistence.Query query = em.createNativeQuery(select.sql().toString(), AuditRecord.class);
        for (int i = 0; i < select.values().size(); i++) {
            query.setParameter(i + 1, select.values().get(i));
        }
        @SuppressWarnings("unchecked")
        List<AuditRecord> found = query.getResultList();
        return found;
    }

    /** The records whose sequence numbers {@code seqs} selects, in its order. */
    private List<AuditRecord> byPrimaryKey(Statement seqs, String order) {
        List<Long> found = new ArrayList<>();
        for (Object seq : nativeQuery(seqs).getResultList()) {
            found.add(((Number) seq).longValue());
        }
        return found.isEmpty() ? List.of() : em.createQuery("SELECT r FROM AuditRecord r WHERE r.seq IN :seqs "
                + "ORDER BY r.seq" + order, AuditRecord.class).setParameter("seqs", found).getResultList();
    }

    /** The filter's equalities on action, outcome and actor, by column (the same in audit_record and audit_member). */
    private static Map<String, Object> equalities(AuditFilter f) {
        Map<String, Object> equalities = new LinkedHashMap<>();
        if (f.action() != null) {
            equalities.put("action", f.action());
        }
        if (f.outcome() != null) {
            equalities.put("outcome", f.outcome().name());
        }
        if (f.actor() != null) {
            equalities.put("actor", f.actor());
        }
        return equalities;
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
     * concerns, keyed (member, seq), with indexes after the member on action, outcome, actor and action + outcome, so
     * the member alone or with those filters is one ordered read of one page (with a counterpart, audit_pair of V12:
     * see memberStatement). A tracking or CO number names a handful of records: its own index finds them and the
     * member is checked on those.
     */
    private static boolean readsMemberIndex(AuditFilter f) {
        return f.member() != null && f.trackingNumber() == null && f.coNumber() == null;
    }

    /**
     * {@code select} over the member's audit_member rows ({@code a}) in the sequence range and the other equalities,
     * through the index that holds them. A counterpart alone (with or without a time range) is the pair's own rows in
     * audit_pair (V12), keyed (member, counterpart, seq): one ordered read of one page whatever the two member states'
     * sizes. Before it, and still with other equalities, a counterpart is the same record's audit_member row of the
     * other member state ({@code b}), with the same equalities through the same index: the join is symmetric, so
     * MariaDB reads in sequence order the side with fewer entries in the range (estimated from the index) and looks
     * each up in the other, reading only audit_member's keys, never a record, and no sort (a.seq = b.seq orders both).
     * Measured with ANALYZE at 1M records over 90 days: KE with LS read 266 LS entries where reading from KE took
     * 11,269; but two small member states read most of the smaller one's range (at 10M over 90 days about 37,000
     * entries, p95 202 ms), which is what audit_pair is for.
     */
    private static Statement memberStatement(String select, AuditFilter f, Long[] range) {
        Map<String, Object> equalities = equalities(f);
        // A member state as its own counterpart is the member's records: audit_member alone (audit_pair has no such
        // pair, and the self-join would only match each row with itself).
        boolean counterpart = f.counterpart() != null && !f.counterpart().equals(f.member());
        SeqIndex pair = counterpart ? SeqIndex.exactly(PAIR_INDEXES, equalities.keySet()) : null;
        if (pair != null) {
            Statement statement = new Statement(select + " FROM audit_pair a USE INDEX (" + pair.name() + ")")
                    .and(" WHERE a.member = ?", f.member()).and(" AND a.counterpart = ?", f.counterpart())
                    .and(" AND a.seq >= ?", range[0]).and(" AND a.seq <= ?", range[1]);
            pair.columns().forEach(column -> statement.and(" AND a." + column + " = ?", equalities.get(column)));
            return statement;
        }
        String hint = " USE INDEX (" + SeqIndex.choose(MEMBER_INDEXES, equalities.keySet()).name() + ")";
        Statement statement = new Statement(select + " FROM audit_member a" + hint);
        if (counterpart) {
            statement.and(" JOIN audit_member b" + hint + " ON b.member = ?", f.counterpart());
            statement.sql().append(" AND b.seq = a.seq");
            equalities.forEach((column, value) -> statement.and(" AND b." + column + " = ?", value));
        }
        statement.and(" WHERE a.member = ?", f.member())
                .and(" AND a.seq >= ?", range[0]).and(" AND a.seq <= ?", range[1]);
        equalities.forEach((column, value) -> statement.and(" AND a." + column + " = ?", value));
        return statement;
    }

    private jakarta.persistence.Query nativeQuery(Statement statement) {
        jakarta.persistence.Query query = em.createNativeQuery(statement.sql().toString());
        for (int i = 0; i < statement.values().size(); i++) {
            query.setParameter(i + 1, statement.values().get(i));
        }
        return query;
    }

    private static Long firstSeq(TypedQuery<Long> query, java.time.Instant time) {
        List<Long> found = query.setParameter("t", time).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static void conditions(StringBuilder jpql, Map<String, Object> parameters, AuditFilter f) {
        condition(jpql, parameters, f.from(), " AND r.recordedAt >= :from", "from");
        condition(jpql, parameters, f.to(), " AND r.recordedAt < :to", "to");
        condition(jpql, parameters, f.member(),
                " AND (r.actorMember = :member OR r.senderMember = :member OR r.recipientMember = :member)", "member");
        condition(jpql, parameters, f.counterpart(), " AND (r.actorMember = :counterpart OR r.senderMember = "
                + ":counterpart OR r.recipientMember = :counterpart)", "counterpart");
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
        trail.record(AuditEntry.byUser(caller.username(), caller.memberCode(), action, outcome)
                .about("AuditLog", null).withDetail(detail));
    }
}
