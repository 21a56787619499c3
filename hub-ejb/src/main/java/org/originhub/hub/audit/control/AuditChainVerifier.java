package org.originhub.hub.audit.control;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;

/**
 * Recomputes the hash chain from records fed in ascending sequence order, and checks the signed checkpoints fed right
 * after the record they name, stopping at the first break. A record whose hash does not match its own fields was
 * altered; a sequence gap means records were deleted; a previous hash that is not the preceding record's hash means a
 * record was inserted, replaced or moved. A checkpoint whose signature fails, whose signer is not trusted, or whose
 * hash is not the chain's hash at its sequence number means the chain (or the checkpoint) was rewritten after the hub
 * signed it: a consistent rewrite of every hash is caught here and nowhere else. Not thread-safe: one per run.
 *
 * <p>The hub records each checkpoint it takes ({@code AUDIT_CHECKPOINT}, that record being the head it signs), so a
 * checkpoint deleted from the database while its record stays is found too.
 *
 * <p>The chain alone cannot tell records appended at its end by someone with database rights: compare the result with
 * the head kept by the hub ({@link #verifyAgainstHead}), with a published checkpoint, or with a head noted earlier.
 */
public final class AuditChainVerifier {

    /** The action of the record the hub appends when it takes a checkpoint; that record is the head it signs. */
    public static final String CHECKPOINT_ACTION = "AUDIT_CHECKPOINT";

    /** One record as read back: the fields the hash covers, the claimed previous hash and the stored hash. */
    public record Link(long seq, Instant recordedAt, AuditEntry entry, String prevHash, String hash) {

        public static Link of(AuditRecord record) {
            return new Link(record.seq(), record.recordedAt(), record.entry(), record.prevHash(), record.hash());
        }
    }

    /** One checkpoint as read back. */
    public record CheckpointLink(long seq, String hash, Instant createdAt, String algorithm, byte[] signature,
            String signerFingerprint, byte[] signerCertificate) {

        public static CheckpointLink of(AuditCheckpoint c) {
            return new CheckpointLink(c.seq(), c.headHash(), c.createdAt(), c.signatureAlgorithm(), c.signature(),
                    c.signerFingerprint(), c.signerCertificate());
        }
    }

    private final Set<String> trustedSigners;
    private final AuditCanonicalForm.Hasher hasher = new AuditCanonicalForm.Hasher();
    private long expected = 1;
    private String previousHash = AuditCanonicalForm.GENESIS;
    private ChainVerification broken;
    private long checkpoints;
    private Long lastCheckpointSeq;
    private long vouchedSeq;
    private String vouchedHash = AuditCanonicalForm.GENESIS;
    /** The sequence number of an AUDIT_CHECKPOINT record whose checkpoint has not been seen yet. */
    private Long awaitedCheckpoint;

    /**
     * @param trustedSigners SHA-256 fingerprints of the certificates whose checkpoints count (the hub's key and its
     *        earlier ones); a checkpoint by any other certificate is a forgery, however valid its signature
     */
    public AuditChainVerifier(Set<String> trustedSigners) {
        this.trustedSigners = Set.copyOf(trustedSigners);
    }

    /** Checks the next record; returns false once the chain is broken (further records are ignored). */
    public boolean accept(Link link) {
        if (broken != null) {
            return false;
        }
        if (awaitedCheckpoint != null) {
            missingCheckpoint();
            return false;
        }
        if (link.seq() != expected) {
            broken = link.seq() > expected
                    ? broken(expected, "record " + expected
                            + (link.seq() - 1 > expected ? " to " + (link.seq() - 1) : "")
                            + " missing: deleted (the next record present is " + link.seq() + ")")
                    : broken(expected, "record " + link.seq()
                            + " appears again or out of order where " + expected + " was expected: inserted or reordered");
            return false;
        }
        if (!hasher.matches(link.seq(), link.recordedAt(), link.entry(), link.prevHash(), link.hash())) {
            broken = broken(link.seq(), "record " + link.seq() + " does not match its hash: altered");
            return false;
        }
        if (!Objects.equals(link.prevHash(), previousHash)) {
            broken = broken(link.seq(), "record " + link.seq() + " does not link to the hash of record "
                    + (link.seq() - 1) + ": inserted, replaced or reordered (or the record before it was rewritten)");
            return false;
        }
        previousHash = link.hash();
        expected++;
        if (CHECKPOINT_ACTION.equals(link.entry().action()) && link.entry().outcome() == Outcome.SUCCESS) {
            awaitedCheckpoint = link.seq();
        }
        return true;
    }

    /**
     * Checks a checkpoint; it must come right after the record it names (records and checkpoints interleaved in
     * sequence order), or after the last record when it names one beyond the chain. Returns false once broken.
     */
    public boolean acceptCheckpoint(CheckpointLink checkpoint) {
        if (broken != null) {
            return false;
        }
        long seq = checkpoint.seq();
        long last = expected - 1;
        if (seq > last) {
            broken = bad(seq, "checkpoint at seq " + seq + " names a record the chain does not have (it ends at "
                    + last + "): records deleted from the end of the chain");
            return false;
        }
        if (seq < last || (lastCheckpointSeq != null && seq <= lastCheckpointSeq)) {
            broken = bad(seq, "checkpoint at seq " + seq + " is out of order (after record " + last
                    + "): the export was reordered");
            return false;
        }
        if (!trustedSigners.contains(checkpoint.signerFingerprint())) {
            broken = bad(seq, "checkpoint at seq " + seq + " is signed by certificate " + checkpoint.signerFingerprint()
                    + ", which is not the hub's: forged");
            return false;
        }
        String problem = AuditCheckpointForm.signatureProblem(seq, checkpoint.hash(), checkpoint.createdAt(),
                checkpoint.algorithm(), checkpoint.signature(), checkpoint.signerFingerprint(),
                checkpoint.signerCertificate());
        if (problem != null) {
            broken = bad(seq, "checkpoint at seq " + seq + ": " + problem);
            return false;
        }
        if (!checkpoint.hash().equals(previousHash)) {
            broken = bad(seq, "record " + seq + " is not the record the hub signed in its checkpoint (hash "
                    + previousHash + ", signed " + checkpoint.hash() + "): the chain was rewritten after record "
                    + vouchedSeq + ", the last one a valid checkpoint vouches for");
            return false;
        }
        if (awaitedCheckpoint != null && awaitedCheckpoint == seq) {
            awaitedCheckpoint = null;
        }
        checkpoints++;
        lastCheckpointSeq = seq;
        vouchedSeq = seq;
        vouchedHash = checkpoint.hash();
        return true;
    }

    /** The outcome for everything accepted so far. */
    public ChainVerification result() {
        if (broken == null && awaitedCheckpoint != null) {
            missingCheckpoint();
        }
        return broken != null ? broken : ChainVerification.intact(count(), previousHash, checkpoints,
                lastCheckpointSeq);
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
                    + " lies beyond the hub's chain head (" + headSeq + "): inserted outside the hub", checkpoints,
                    lastCheckpointSeq);
        }
        if (result.headSeq() < headSeq) {
            return ChainVerification.broken(result.headSeq() + 1, result.count(), result.headHash(), "record "
                    + (result.headSeq() + 1) + " to " + headSeq + " missing: deleted from the end of the chain",
                    checkpoints, lastCheckpointSeq);
        }
        if (!result.headHash().equals(headHash)) {
            return ChainVerification.broken(headSeq, result.count(), result.headHash(), "record " + headSeq
                    + " is not the record the hub appended last (hash differs from the chain head): replaced",
                    checkpoints, lastCheckpointSeq);
        }
        return result;
    }

    private void missingCheckpoint() {
        long seq = awaitedCheckpoint;
        awaitedCheckpoint = null;
        broken = bad(seq, "record " + seq + " records a checkpoint of the chain, but checkpoint " + seq
                + " is missing: deleted");
    }

    private ChainVerification broken(long at, String problem) {
        return ChainVerification.broken(at, count(), previousHash, problem, checkpoints, lastCheckpointSeq);
    }

    private ChainVerification bad(long seq, String problem) {
        return ChainVerification.badCheckpoint(seq, vouchedSeq, vouchedHash, problem, checkpoints, lastCheckpointSeq);
    }

    private long count() {
        return expected - 1;
    }
}
