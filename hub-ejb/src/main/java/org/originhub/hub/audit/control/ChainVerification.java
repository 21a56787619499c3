package org.originhub.hub.audit.control;

/**
 * The outcome of verifying the audit chain. Intact: {@code count} records from 1 to {@code headSeq}, the last with
 * {@code headHash}. Broken: {@code brokenAt} is the first sequence number that fails and {@code problem} says how;
 * {@code count}, {@code headSeq} and {@code headHash} then describe the intact part before it.
 */
public record ChainVerification(boolean intact, long count, long headSeq, String headHash, Long brokenAt,
        String problem) {

    static ChainVerification intact(long count, String headHash) {
        return new ChainVerification(true, count, count, headHash, null, null);
    }

    static ChainVerification broken(long brokenAt, long intactCount, String intactHeadHash, String problem) {
        return new ChainVerification(false, intactCount, intactCount, intactHeadHash, brokenAt, problem);
    }
}
