package org.originhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs {@code count} numbered calls on {@code concurrency} threads, closed loop (each thread calls again as soon as
 * its answer came) or at a fixed rate (open loop: call i is due at start + i / rate, and its latency counts from when
 * it was due, so a slow hub cannot hide its queueing by slowing the generator down).
 */
final class Load {

    /** One call; throws on failure. */
    interface Call {
        void run(int index) throws Exception;
    }

    /**
     * Told of every call as it ends: when it was due (nanoseconds from the run's start), its latency counted from
     * then, and whether it succeeded. Called on the load's threads.
     */
    interface Observer {
        void ended(int index, long dueNanos, long latencyNanos, boolean succeeded);
    }

    /** What a run measured. */
    record Result(String name, int calls, int failures, double seconds, Latencies latencies, List<String> errors) {
        double perSecond() {
            return (calls - failures) / seconds;
        }
    }

    private Load() {
    }

    static Result closed(String name, int count, int concurrency, Call call) {
        return run(name, count, concurrency, 0, call, null);
    }

    static Result atRate(String name, int count, int concurrency, double perSecond, Call call) {
        return run(name, count, concurrency, perSecond, call, null);
    }

    /** At a fixed rate, each call's end told to {@code observer}. */
    static Result atRate(String name, int count, int concurrency, double perSecond, Call call, Observer observer) {
        return run(name, count, concurrency, perSecond, call, observer);
    }

    private static Result run(String name, int count, int concurrency, double rate, Call call, Observer observer) {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long due = rate > 0 ? start + (long) (i * 1e9 / rate) : System.nanoTime();
                    if (rate > 0) {
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    try {
                        call.run(i);
                        long latency = System.nanoTime() - due;
                        latencies.add(latency);
                        if (observer != null) {
                            observer.ended(i, due - start, latency, true);
                        }
                    } catch (Exception | AssertionError e) {
                        failures.incrementAndGet();
                        if (observer != null) {
                            observer.ended(i, due - start, System.nanoTime() - due, false);
                        }
                        if (errors.size() < 5) {
                            errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                }
            }, "bench-" + name + "-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, count, failures.get(), seconds, latencies, List.copyOf(errors));
    }
}
