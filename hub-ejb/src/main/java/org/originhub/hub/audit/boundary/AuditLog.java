package org.originhub.hub.audit.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.originhub.hub.audit.control.AuditChainVerifier;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.AuditLinkReader;
import org.originhub.hub.audit.control.AuditQueryPlanner;
import org.originhub.hub.audit.control.CheckpointStream;
import org.originhub.hub.audit.control.ChainVerification;
import org.originhub.hub.audit.control.MemberScope;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;

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
     * names it only as the counterpart is turned round: the records between the two are the same; one naming only a
     * counterpart reads the records between the two). Asking for another member state, or having any other role, is
     * refused and recorded. See {@link MemberScope}.
     */
    public AuditFilter authorize(AuthenticatedUser caller, AuditFilter filter, String action) {
        AuditFilter asked = filter == null ? AuditFilter.none() : filter;
        switch (MemberScope.Reach.of(caller.role())) {
            case EVERY_MEMBER_STATE -> {
                if (asked.counterpart() != null && asked.member() == null) {
                    throw new InvalidAuditQueryException("counterpart needs member: the records between member and "
                            + "counterpart");
                }
                return asked;
            }
            case OWN_MEMBER_STATE -> {
                Optional<MemberScope.Parties> own = MemberScope.narrow(caller.memberCode(), asked.member(),
                        asked.counterpart());
                if (own.isPresent()) {
                    return asked.withParties(own.get().member(), own.get().counterpart());
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
        List<AuditRecord> found = planner().page(effective.criteria(), after, newestFirst, limit + 1);
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
     * Writes every matching record, oldest first, in {@code format}. An unfiltered JSON-lines export also carries the
     * signed checkpoints, each right after the record it names (and any naming a record beyond the last one at the
     * end), so that it verifies offline, checkpoints included. The export is recorded after the last record is
     * written, so appending does not hold the chain head (and every other audited action) for the whole export; an
     * export that fails midway rolls back and is not recorded.
     */
    public long export(AuthenticatedUser caller, AuditFilter filter, AuditExportFormat format, Writer out) {
        AuditFilter effective = authorize(caller, filter, "AUDIT_EXPORTED");
        boolean withCheckpoints = format == AuditExportFormat.JSONL && effective.isNone();
        CheckpointStream signed = new CheckpointStream(em, withCheckpoints);
        long written = 0;
        try {
            out.write(format.header());
            Long after = null;
            List<AuditRecord> page;
            do {
                page = planner().page(effective.criteria(), after, false, PAGE);
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
        record(caller, "AUDIT_EXPORTED", Outcome.SUCCESS, effective.describe() + " format=" + format.extension()
                + " records=" + written + (withCheckpoints ? " checkpoints=" + signed.count() : ""));
        return written;
    }

    /**
     * Recomputes the whole chain from the database, in pages by sequence read straight from JDBC on the transaction's
     * connection ({@link AuditLinkReader}), checks every signed checkpoint against the
     * record it names (and its signature against the hub's certificates), and compares the chain's end with the hub's
     * chain head. One transaction at REPEATABLE READ, so that head, checkpoints and records are one consistent
     * snapshot (taken by the first read, the head's) while appends go on; the hub's pool hands out READ COMMITTED
     * connections, under which each page would see the records appended since the head was read, and the chain
     * would end beyond the head it is compared with. Called first in its transaction, before anything has read.
     */
    public ChainVerification verify() {
        Connection connection = em.unwrap(Connection.class);
        int isolation = isolation(connection, Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return verifyChain(connection);
        } finally {
            isolation(connection, isolation);
        }
    }

    private ChainVerification verifyChain(Connection connection) {
        AuditHead head = em.createQuery("SELECT h FROM AuditHead h", AuditHead.class).getSingleResult();
        long headSeq = head.seq();
        String headHash = head.hash();
        CheckpointStream signed = new CheckpointStream(em, true);
        AuditChainVerifier verifier = new AuditChainVerifier(checkpoints.trustedSigners());
        try (AuditLinkReader records = new AuditLinkReader(connection)) {
            long after = 0;
            boolean going = true;
            while (going) {
                List<AuditChainVerifier.Link> page = records.page(after, PAGE);
                for (AuditChainVerifier.Link r : page) {
                    if (!verifier.accept(r)) {
                        going = false;
                        break;
                    }
                    after = r.seq();
                    for (AuditCheckpoint c = signed.nextUpTo(after); going && c != null; c = signed.nextUpTo(after)) {
                        going = verifier.acceptCheckpoint(AuditChainVerifier.CheckpointLink.of(c));
                    }
                    if (!going) {
                        break;
                    }
                }
                going &= page.size() == PAGE;
                // the checkpoints read so far, each with its certificate
                em.clear();
            }
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
        if (MemberScope.Reach.of(caller.role()) != MemberScope.Reach.EVERY_MEMBER_STATE) {
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
     * Sets the connection's isolation level and returns the one it had. Set before the transaction's first read, the
     * level holds for the snapshot; the one the pool handed out is put back after the last read, so whatever follows
     * on the connection (the AUDIT_VERIFIED record, the next user) runs as the pool configured it.
     */
    private static int isolation(Connection connection, int level) {
        try {
            int before = connection.getTransactionIsolation();
            if (before != level) {
                connection.setTransactionIsolation(level);
            }
            return before;
        } catch (SQLException e) {
            throw new PersistenceException("the audit chain could not be read in one snapshot", e);
        }
    }

    private AuditQueryPlanner planner() {
        return new AuditQueryPlanner(em);
    }

    private void refuse(AuthenticatedUser caller, AuditFilter asked, String action) {
        record(caller, action, Outcome.REJECTED, asked.describe());
    }

    private void record(AuthenticatedUser caller, String action, Outcome outcome, String detail) {
        trail.record(AuditEntry.byUser(caller.username(), caller.memberCode(), action, outcome)
                .about("AuditLog", null).withDetail(detail));
    }
}
