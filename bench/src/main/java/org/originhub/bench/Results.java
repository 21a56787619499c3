package org.originhub.bench;

import java.time.Instant;

/** Everything one bench run measured, filled in phase by phase. */
final class Results {

    Options options;
    /** The one-node run this one is reported against, or null ({@link Options#baselineRun}). */
    RunFigures baseline1;
    final java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
    Instant startedAt;
    Instant finishedAt;

    /** The size of the hub's signing key (RSA modulus bits), read from its certificate. */
    int hubKeyBits;
    /** The bare signed echo right before and right after the baseline; null when no echo was deployed. */
    Load.Result echoBefore;
    Load.Result echoAfter;
    Load.Result baseline;
    Load.Result validate;
    Main main;
    ProcessSampler.Usage mainCpu;
    Profiler.Summary profile;
    Profiler.Summary pullProfile;
    /** Database counters over the main run and over the pull-and-acknowledge phase (DatabaseCounters). */
    java.util.Map<String, Long> mainStatements = java.util.Map.of();
    java.util.Map<String, Long> pullStatements = java.util.Map.of();
    /** The submissions that built the batched pull's backlog; a failed one leaves its document out of the pulls. */
    Load.Result backlog;
    Load.Result pull;
    int pulledDocuments;
    int acknowledgedDocuments;
    Load.Result ack;
    Load.Result halfRate;
    double halfRateTarget;
    ShortRun members10;
    ShortRun members200;
    ShortRun largeStore;
    long storeBefore;
    long storeSmall;
    long storeLarge;
    double seedSeconds;
    Lookups lookupsSmall;
    Lookups lookupsLarge;
    long rssAfterMainKb;
    long rssPeakKb;
    long rssHighWaterKb;

    /** Bare echo round trips per second, before and after the baseline together; NaN when not measured. */
    double echoRate() {
        if (echoBefore == null || echoAfter == null) {
            return Double.NaN;
        }
        int ok = echoBefore.calls() - echoBefore.failures() + echoAfter.calls() - echoAfter.failures();
        return ok / (echoBefore.seconds() + echoAfter.seconds());
    }

    /** The end-to-end run. */
    static final class Main {
        Load.Result submissions;
        double endToEndSeconds;
        final Latencies pushDelivery = new Latencies();
        final Latencies pullDelivery = new Latencies();
        final Latencies pushAck = new Latencies();
        final Latencies pullAck = new Latencies();
        Latencies pulls;
        int pulledDocuments;
        double pullSeconds;
        int undelivered;
        int unacknowledged;
    }

    /** A shorter submission run of a growth comparison. */
    static final class ShortRun {
        String name;
        Load.Result result;
        int members;
        long store;
    }

    /** CheckSigner and GetDocumentStatus lookups. */
    static final class Lookups {
        String what;
        Load.Result checkSigner;
        Load.Result documentStatus;
    }
}
