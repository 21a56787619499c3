package org.originhub.registry.cache.control;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Node-local entries that hold for one registry version only. {@link #at} hands out the generation of the version a
 * caller has just read from the database: the current generation when it is of that version, otherwise a new, empty
 * one that replaces it. What a caller loads into a generation it read after the version, so an entry is never older
 * than its generation's version, and a caller that read another version never sees it. {@link #clear} drops
 * everything (a change committed here or elsewhere), so that the next use loads without keeping stale entries around.
 * Bounded: a generation holds at most {@code capacity} entries, and a full one loads without keeping.
 */
public final class VersionedEntries {

    private static final long NO_VERSION = Long.MIN_VALUE;

    private final int capacity;
    private final AtomicReference<Generation> current;

    public VersionedEntries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        this.current = new AtomicReference<>(new Generation(NO_VERSION, capacity));
    }

    /** The entries valid at {@code version}: kept ones if the current generation is of it, none otherwise. */
    public Generation at(long version) {
        return current.updateAndGet(g -> g.version == version ? g : new Generation(version, capacity));
    }

    public void clear() {
        current.set(new Generation(NO_VERSION, capacity));
    }

    /** The entries of one registry version. Keys must say what their value is (one key type per kind of value). */
    public static final class Generation {

        private final long version;
        private final int capacity;
        private final ConcurrentMap<Object, Object> entries = new ConcurrentHashMap<>();

        private Generation(long version, int capacity) {
            this.version = version;
            this.capacity = capacity;
        }

        public long version() {
            return version;
        }

        public int size() {
            return entries.size();
        }

        /**
         * The value kept for {@code key}, or what {@code load} returns (never null: use Optional for "not there"),
         * kept while the generation has room. Loading holds no lock: two callers may load the same key at once, and
         * the first one kept wins.
         */
        @SuppressWarnings("unchecked")
        public <T> T get(Object key, Supplier<T> load) {
            Object kept = entries.get(key);
            if (kept != null) {
                return (T) kept;
            }
            T loaded = Objects.requireNonNull(load.get(), "a registry read returned null");
            if (entries.size() >= capacity) {
                return loaded;
            }
            Object first = entries.putIfAbsent(key, loaded);
            return first == null ? loaded : (T) first;
        }
    }
}
