package org.originhub.bench;

/**
 * One minute of a soak: the gauges read at its end (hub RSS, threads, open file descriptors, the database's client
 * connections, the pending queue) and what the minute itself saw (the lowest heap after a GC, receipt latency of the
 * submissions due in it), and for context, not judged, the hub's CPU and the whole machine's busy time over the
 * minute (a shared machine's other work shows in the latency). NaN where a figure could not be read.
 */
record SoakSample(int minute, double rssMb, double heapAfterGcMb, double threads, double fileDescriptors,
        double connections, double receiptP50Ms, double receiptP99Ms, double pending, int submitted, int failed,
        boolean registryChanged, double hubCpuPercent, double machineBusyPercent) {
}
