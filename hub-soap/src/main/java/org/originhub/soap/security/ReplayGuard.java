package org.originhub.soap.security;

import java.time.Instant;

/**
 * Remembers the signatures of accepted requests until their timestamps expire, across every hub node, so that a
 * captured message cannot be sent again. Consulted only after the signature has been verified and the sender
 * accepted, so forged messages cannot fill it or burn a genuine message's key.
 *
 * <p>The hub's implementation is the database one ({@code org.originhub.hub.replay}); a node-local cache would let
 * a replay through another node.
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * Records the key atomically (insert or detect a duplicate, across all nodes).
     *
     * @param signatureDigest lowercase hex SHA-256 of the signature value (64 characters)
     * @param keepUntil when the record may be forgotten: after it, the timestamp check rejects the message anyway
     * @return true when this is the first use; false when the key was already recorded (a replay)
     * @throws RuntimeException when the guard cannot answer; the pipeline then rejects the message (fail closed)
     */
    boolean firstUse(String signatureDigest, Instant keepUntil);
}
