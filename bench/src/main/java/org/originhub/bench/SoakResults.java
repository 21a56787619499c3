package org.originhub.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one soak measured, filled in by {@link Soak} and read by {@link SoakReport} and {@link SoakChart}. */
final class SoakResults {

    Options options;
    Instant startedAt;
    Instant finishedAt;
    /** The closed-loop run that measured the maximum submission rate. */
    Load.Result maximum;
    /** Submissions per second of the soak: half the maximum. */
    double rate;
    /** The soak's own submissions, open loop at {@link #rate}. */
    Load.Result submissions;
    /** Submissions the gateways sent again after InternalError or ServiceUnavailable (same SenderMessageId). */
    int resends;
    final List<SoakSample> samples = new ArrayList<>();
    int registryChanges;
    int failedRegistryChanges;
    long directorySerialBefore;
    long directorySerialAfter;
    /** Deliveries UG's simulator answered ServiceUnavailable (every {@link Soak#FAIL_EVERY}-th). */
    int failedDeliveries;
    int pulled;
    int pullFailures;
    double drainSeconds;
    LossCheck loss;
    SoakVerdict verdict;
}
