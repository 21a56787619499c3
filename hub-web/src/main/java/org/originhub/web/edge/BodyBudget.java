package org.originhub.web.edge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the edge holds in memory at once, over all requests ({@code HUB_REQUEST_BUFFER_BYTES}).
 * Each body takes its bytes as they arrive and gives them back when its request ends; a body that would pass the
 * budget is refused with {@code ServiceUnavailable} at once. Without it, clients that each send a body of up to
 * {@code HUB_MAX_MESSAGE_BYTES} before any signature is checked could fill the heap between them.
 */
final class BodyBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("HUB_REQUEST_BUFFER_BYTES must be positive, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Takes {@code bytes} if they fit, all or nothing. */
    boolean take(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    long inUse() {
        return used.get();
    }

    long capacity() {
        return capacity;
    }
}
