package org.originhub.hub.audit.control;

import java.time.Instant;
import java.util.Objects;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditRecord;

/**
 * Recomputes the hash chain from records fed in ascending sequence order, stopping at the first break. A record whose
 * hash does not match its own fields was altered; a sequence gap means records were deleted; a previous hash that is
 * not the preceding record's hash means a record was inserted, replaced or moved. Not thread-safe: one per run.
 *
 * <p>The chain alone cannot tell records appended at its end by someone with database rights: compare the result with
 * the head kept by the hub ({@link #verifyAgainstHead}) or with a head noted earlier (an export's last hash).
 */
public final class AuditChainVerifier {

    /** One record as read back: the fields the hash covers, the claimed previous hash and the stored hash. */
    public record Link(long seq, Instant recordedAt, AuditEntry entry, String prevHash, String hash) {

        public static Link of(AuditRecord record) {
            return new Link(record.seq(), record.recordedAt(), record.entry(), record.prevHash(), record.hash());
        }
    }

    private long expected = 1;
    private String previousHash = AuditCanonicalForm.GENESIS;
    private ChainVerification broken;

    /** Checks the next record; returns false once the chain is broken (further records are ignored). */
    public boolean accept(Link link) {
        if (broken != null) {
            return false;
        }
        if (link.seq() != expected) {
            broken = link.seq() > expected
                    ? ChainVerification.broken(expected, count(), headHash(), "record " + expected
                            + (link.seq() - 1 > expected ? " to " + (link.seq() - 1) : "")
                            + " missing: deleted (the next record present is " + link.seq() + ")")
                    : ChainVerification.broken(expected, count(), headHash(), "record " + link.seq()
                            + " appears again or out of order where " + expected + " was expected: inserted or reordered");
            return false;
        }
        String recomputed = AuditCanonicalForm.hash(link.seq(), link.recordedAt(), link.entry(), link.prevHash());
        if (!recomputed.equals(link.hash())) {
            broken = ChainVerification.broken(link.seq(), count(), headHash(), "record " + link.seq()
                    + " does not match its hash: altered");
            return false;
        }
        if (!Objects.equals(link.prevHash(), previousHash)) {
            broken = ChainVerification.broken(link.seq(), count(), headHash(), "record " + link.seq()
                    + " does not link to the hash of record " + (link.seq() - 1)
                    + ": inserted, replaced or reordered (or the record before it was rewritten)");
            return false;
        }
        previousHash = link.hash();
        expected++;
        return true;
    }

    /** The outcome for everything accepted so far. */
    public ChainVerification result() {
        return broken != null ? broken : ChainVerification.intact(count(), headHash());
    }

    /**
     * The outcome when the hub's own head (sequence and hash of the last record appended through the hub) must match
     * the last record: records beyond it were inserted outside the hub; a head beyond the last record means the newest
     * records were deleted.
     */
    public ChainVerification verifyAgainstHead(long headSeq, String headHash) {
        ChainVerification result = result();
        if (!result.intact()) {
            return result;
        }
        if (result.headSeq() > headSeq) {
            return ChainVerification.broken(headSeq + 1, headSeq, headHash, "record " + (headSeq + 1)
                    + " lies beyond the hub's chain head (" + headSeq + "): inserted outside the hub");
        }
        if (result.headSeq() < headSeq) {
            return ChainVerification.broken(result.headSeq() + 1, result.count(), result.headHash(), "record "
                    + (result.headSeq() + 1) + " to " + headSeq + " missing: deleted from the end of the chain");
        }
        if (!result.headHash().equals(headHash)) {
            return ChainVerification.broken(headSeq, result.count(), result.headHash(), "record " + headSeq
                    + " is not the record the hub appended last (hash differs from the chain head): replaced");
        }
        return result;
    }

    private long count() {
        return expected - 1;
    }

    private String headHash() {
        return previousHash;
    }
}
