package org.originhub.hub.audit.control;

/**
 * The outcome of verifying the audit chain and its signed checkpoints. Intact: {@code count} records from 1 to
 * {@code headSeq}, the last with {@code headHash}, and {@code checkpoints} valid checkpoints, the newest at
 * {@code lastCheckpointSeq} (null when there is none). Broken: {@code brokenAt} is the first sequence number that
 * fails and {@code problem} says how; when a checkpoint is what failed, {@code badCheckpoint} is its sequence number
 * (then {@code brokenAt} is the same number: the chain was rewritten at or before it). {@code count}, {@code headSeq}
 * and {@code headHash} then describe the part before the break that is still vouched for.
 */
public record ChainVerification(boolean intact, long count, long headSeq, String headHash, Long brokenAt,
        String problem, long checkpoints, Long lastCheckpointSeq, Long badCheckpoint) {

    static ChainVerification intact(long count, String headHash, long checkpoints, Long lastCheckpointSeq) {
        return new ChainVerification(true, count, count, headHash, null, null, checkpoints, lastCheckpointSeq, null);
    }

    static ChainVerification broken(long brokenAt, long intactCount, String intactHeadHash, String problem,
            long checkpoints, Long lastCheckpointSeq) {
        return new ChainVerification(false, intactCount, intactCount, intactHeadHash, brokenAt, problem, checkpoints,
                lastCheckpointSeq, null);
    }

    static ChainVerification badCheckpoint(long seq, long intactCount, String intactHeadHash, String problem,
            long checkpoints, Long lastCheckpointSeq) {
        return new ChainVerification(false, intactCount, intactCount, intactHeadHash, seq, problem, checkpoints,
                lastCheckpointSeq, seq);
    }
}
