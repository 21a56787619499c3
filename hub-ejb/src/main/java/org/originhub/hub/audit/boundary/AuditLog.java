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
        StringBuilder jpql = new StringBuilder("SELECT COUNT(r) FROM AuditRecord r WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        conditions(jpql, parameters, effective);
        TypedQuery<Long> query = em.createQuery(jpql.toString(), Long.class);
        parameters.forEach(query::setParameter);
        return query.getSingleResult();
    }

    /**
     * Writes every matching record, oldest first, in {@code format}. The export is recorded after the last record is
     * written, so appending does not hold the chain head (and every other audited action) for the whole export; an
     * export that fails midway rolls back and is not recorded.
     */
    public long export(AuthenticatedUser caller, AuditFilter filter, AuditExportFormat format, Writer out) {
        AuditFilter effective = authorize(caller, filter, "AUDIT_EXPORTED");
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
                }
                written += page.size();
                em.clear();
            } while (page.size() == PAGE);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written", e);
        }
        record(caller, "AUDIT_EXPORTED", Outcome.SUCCESS, effective.describe() + " format="
                + format.extension() + " records=" + written);
        return written;
    }

    /**
     * Recomputes the whole chain from the database, in pages by sequence, and compares its end with the hub's chain
     * head. One transaction, so that head and records are one consistent snapshot while appends go on.
     */
    public ChainVerification verify() {
        AuditHead head = em.createQuery("SELECT h FROM AuditHead h", AuditHead.class).getSingleResult();
        long headSeq = head.seq();
        String headHash = head.hash();
        AuditChainVerifier verifier = new AuditChainVerifier();
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
            }
            going &= page.size() == PAGE;
            em.clear();
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

    private List<AuditRecord> query(AuditFilter f, Long after, boolean newestFirst, int max) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM AuditRecord r WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (after != null) {
            jpql.append(newestFirst ? " AND r.seq < :after" : " AND r.seq > :after");
            parameters.put("after", after);
        }
        conditions(jpql, parameters, f);
        jpql.append(newestFirst ? " ORDER BY r.seq DESC" : " ORDER BY r.seq");
        TypedQuery<AuditRecord> query = em.createQuery(jpql.toString(), AuditRecord.class).setMaxResults(max);
        parameters.forEach(query::setParameter);
        return query.getResultList();
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
