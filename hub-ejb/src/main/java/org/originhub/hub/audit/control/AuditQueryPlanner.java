package org.originhub.hub.audit.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.originhub.hub.audit.entity.AuditRecord;

/**
 * Reads one page of audit records for a search, through the indexes of V7, V9, V11 and V12. A time range becomes a
 * range of sequence numbers first (times never go backwards along the chain, and the time index finds both ends at
 * once); then the equality filters read one index whose entries are in sequence order for their values, from the
 * right end, stopped after one page whatever the size of the log. The member filter reads audit_member, where the
 * member's three columns (actor member, sender, recipient) are one key; a counterpart reads audit_pair, or, with
 * other equalities, a second audit_member row of the same record. No access rule here: the caller passes the
 * criteria it has already authorized.
 */
public class AuditQueryPlanner {

    /**
     * What to read; every criterion is optional and they all apply together ({@code from} inclusive, {@code to}
     * exclusive; {@code member} and {@code counterpart}, each the actor's member state, the sender or the recipient).
     */
    public record Criteria(Instant from, Instant to, String member, String counterpart, String action, String outcome,
            String actor, String trackingNumber, String coNumber) {
    }

    /**
     * The indexes whose entries are in sequence order for each value of their equality columns ((columns..., seq) in
     * InnoDB), best first: a set of equality filters reads the first one all of whose columns it fixes. Each pair of
     * action, outcome and actor has its own (V11), so one or two of them read one page of index entries, like one
     * filter alone. All three join (actor, outcome, seq) and (actor, action, seq) on seq, both read index-only (see
     * {@link #page}): checking the third on the records found instead reads every record of a busy actor and value.
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

    private final EntityManager em;

    public AuditQueryPlanner(EntityManager em) {
        this.em = em;
    }

    /**
     * Up to {@code max} matching records after the keyset {@code after} (a sequence number), in sequence order,
     * newest or oldest first.
     */
    public List<AuditRecord> page(Criteria f, Long after, boolean newestFirst, int max) {
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
        // newest-first page then reads every record of that value newer than the range. Reading only the index
        // (SELECT seq, which every secondary index holds) it takes the range on (columns..., seq): one page of entries.
        Map<String, Object> equalities = equalities(f);
        if (f.member() == null && f.trackingNumber() == null && f.coNumber() == null && !equalities.isEmpty()) {
            SeqIndex index = SeqIndex.choose(RECORD_INDEXES, equalities.keySet());
            Statement seqs = new Statement("SELECT a.seq FROM audit_record a USE INDEX (" + index.name() + ")");
            List<String> rest = equalities.keySet().stream().filter(c -> !index.columns().contains(c)).toList();
            if (!rest.isEmpty()) {
                // All three: the one the index lacks is checked in a second index that holds it, joined on seq, not on
                // the record (which would bring back the ref access above for a busy actor's values).
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
        Query query = em.createNativeQuery(select.sql().toString(), AuditRecord.class);
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
    private static Map<String, Object> equalities(Criteria f) {
        Map<String, Object> equalities = new LinkedHashMap<>();
        if (f.action() != null) {
            equalities.put("action", f.action());
        }
        if (f.outcome() != null) {
            equalities.put("outcome", f.outcome());
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
    private Long[] seqRange(Criteria f, Long after, boolean newestFirst) {
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
    private static boolean readsMemberIndex(Criteria f) {
        return f.member() != null && f.trackingNumber() == null && f.coNumber() == null;
    }

    /**
     * {@code select} over the member's audit_member rows ({@code a}) in the sequence range and the other equalities,
     * through the index that holds them. A counterpart alone (with or without a time range) is the pair's own rows in
     * audit_pair (V12), keyed (member, counterpart, seq): one ordered read of one page whatever the two member states'
     * sizes. With other equalities, a counterpart is the same record's audit_member row of the other member state
     * ({@code b}), with the same equalities through the same index: the join is symmetric, so MariaDB reads in
     * sequence order the side with fewer entries in the range (estimated from the index) and looks each up in the
     * other, reading only audit_member's keys, never a record, and no sort (a.seq = b.seq orders both).
     */
    private static Statement memberStatement(String select, Criteria f, Long[] range) {
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

    private Query nativeQuery(Statement statement) {
        Query query = em.createNativeQuery(statement.sql().toString());
        for (int i = 0; i < statement.values().size(); i++) {
            query.setParameter(i + 1, statement.values().get(i));
        }
        return query;
    }

    private static Long firstSeq(TypedQuery<Long> query, Instant time) {
        List<Long> found = query.setParameter("t", time).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

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
}
