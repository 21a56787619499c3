package org.originhub.hub.delivery.control;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many pushes this node runs at once, in all and per recipient endpoint. Pushes run in parallel so that a slow or
 * unreachable gateway holds up only its own documents: it can occupy at most {@code perEndpoint} slots, and the
 * others stay free for every other recipient. Node-local on purpose: it throttles work in progress on this node; the
 * queue itself, and every claim, lives in the database.
 */
public final class PushSlots {

    private final int total;
    private final int perEndpoint;
    private final AtomicInteger running = new AtomicInteger();
    private final Map<String, AtomicInteger> byEndpoint = new ConcurrentHashMap<>();

    public PushSlots(int total, int perEndpoint) {
        if (total < 1 || perEndpoint < 1) {
            throw new IllegalArgumentException("push concurrency must be at least 1 (HUB_DELIVERY_CONCURRENCY "
                    + total + ", HUB_DELIVERY_PER_GATEWAY " + perEndpoint + ")");
        }
        this.total = total;
        this.perEndpoint = perEndpoint;
    }

    /** Slots free on this node now: how many deliveries a round may claim. */
    public int free() {
        return Math.max(0, total - running.get());
    }

    /** Takes a slot for a push to {@code endpoint}, or answers false when the node or that endpoint is at its cap. */
    public synchronized boolean tryStart(String endpoint) {
        AtomicInteger forEndpoint = byEndpoint.computeIfAbsent(key(endpoint), k -> new AtomicInteger());
        if (running.get() >= total || forEndpoint.get() >= perEndpoint) {
            return false;
        }
        running.incrementAndGet();
        forEndpoint.incrementAndGet();
        return true;
    }

    /** The endpoints at their cap now: a round claims nothing for them (it could not start it). */
    public synchronized Set<String> saturated() {
        Set<String> full = new HashSet<>();
        byEndpoint.forEach((endpoint, running) -> {
            if (running.get() >= perEndpoint && !endpoint.isEmpty()) {
                full.add(endpoint);
            }
        });
        return full;
    }

    /** Gives the slot back when the push and its record are done. */
    public synchronized void finish(String endpoint) {
        running.decrementAndGet();
        AtomicInteger forEndpoint = byEndpoint.get(key(endpoint));
        if (forEndpoint != null && forEndpoint.decrementAndGet() <= 0) {
            byEndpoint.remove(key(endpoint));
        }
    }

    /** Pushes in progress on this node. */
    public int running() {
        return running.get();
    }

    private static String key(String endpoint) {
        return endpoint == null ? "" : endpoint;
    }
}
