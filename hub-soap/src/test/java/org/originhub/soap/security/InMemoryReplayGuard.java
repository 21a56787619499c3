package org.originhub.soap.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ReplayGuard} for tests (the hub's is the database one); remembers what it was asked. */
final class InMemoryReplayGuard implements ReplayGuard {

    final Map<String, Instant> recorded = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    void reset() {
        recorded.clear();
        failure = null;
    }

    @Override
    public boolean firstUse(String signatureDigest, Instant keepUntil) {
        if (failure != null) {
            throw failure;
        }
        return recorded.putIfAbsent(signatureDigest, keepUntil) == null;
    }
}
