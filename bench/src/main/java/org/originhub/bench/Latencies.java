package org.originhub.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, thread-safe to add; percentiles by nearest rank. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** Nearest-rank percentile in milliseconds; NaN when empty. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    synchronized double maxMillis() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, samples[i]);
        }
        return size == 0 ? Double.NaN : max / 1e6;
    }

    Summary summary() {
        return new Summary(count(), percentileMillis(50), percentileMillis(95), percentileMillis(99), maxMillis());
    }

    /** p50 / p95 / p99 / max in milliseconds. */
    record Summary(int count, double p50, double p95, double p99, double max) {
        String row() {
            return String.format("%,d | %.1f | %.1f | %.1f | %.1f", count, p50, p95, p99, max);
        }
    }
}
