package org.originhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU and memory of a process from /proc (Linux): CPU time (utime + stime, in clock ticks of 1/100 s, the Linux
 * USER_HZ), the resident set (VmRSS, sampled) and its peak since the process started (VmHWM); and the whole machine's
 * busy time from /proc/stat, which shows how much the other tenants of a shared machine took.
 */
final class ProcessSampler implements AutoCloseable {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakRssKb;

    ProcessSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::sample, "bench-proc-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void sample() {
        while (running) {
            statusField(pid, "VmRSS").ifPresent(kb -> peakRssKb = Math.max(peakRssKb, kb));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The highest VmRSS seen while sampling. */
    long peakRssKb() {
        return peakRssKb;
    }

    /** VmHWM: the peak resident set since the process started (includes start-up). */
    long highWaterMarkKb() {
        return statusField(pid, "VmHWM").orElse(-1);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** CPU seconds (user + system) the process has used so far, or -1 when it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count from after it
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A numeric field of /proc/PID/status (VmRSS and VmHWM in kB, Threads a count); empty once the process is gone. */
    static OptionalLong statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return OptionalLong.empty();
    }

    /** {busy, total} jiffies of the whole machine. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The database server's process: a mariadbd/mysqld whose command line names the data folder. */
    static OptionalLong databasePid(String dataDirectory) {
        if (dataDirectory == null) {
            return OptionalLong.empty();
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            List<Path> candidates = processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
            for (Path p : candidates) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if ((cmd.contains("mariadbd") || cmd.contains("mysqld")) && cmd.contains(dataDirectory)) {
                        return OptionalLong.of(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // vanished meanwhile
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** CPU used by a set of processes and the machine over one stretch of time. */
    static final class Window {
        private final List<Long> hubs;
        private final List<Long> databases;
        private final long bench = ProcessHandle.current().pid();
        private final double[] hubStart;
        private final double[] databaseStart;
        private final double benchStart;
        private final long[] machineStart;
        private final long wallStart = System.nanoTime();

        /**
         * The hub's node processes (one, or one per node of a cluster) and the database's server processes (one, or
         * one per node of a database cluster; none when unknown).
         */
        Window(List<Long> hubPids, List<Long> databasePids) {
            this.hubs = List.copyOf(hubPids);
            this.databases = List.copyOf(databasePids);
            this.hubStart = hubs.stream().mapToDouble(ProcessSampler::cpuSeconds).toArray();
            this.databaseStart = databases.stream().mapToDouble(ProcessSampler::cpuSeconds).toArray();
            this.benchStart = cpuSeconds(bench);
            this.machineStart = machineTicks();
        }

        Usage end() {
            double wall = (System.nanoTime() - wallStart) / 1e9;
            long[] machine = machineTicks();
            double machineBusy = machine[1] == machineStart[1] ? Double.NaN
                    : 100.0 * (machine[0] - machineStart[0]) / (machine[1] - machineStart[1]);
            double[] nodes = percents(hubs, hubStart, wall);
            double[] databaseNodes = percents(databases, databaseStart, wall);
            return new Usage(wall, java.util.Arrays.stream(nodes).sum(),
                    databaseNodes.length == 0 ? Double.NaN : java.util.Arrays.stream(databaseNodes).sum(),
                    percent(cpuSeconds(bench), benchStart, wall), machineBusy,
                    Runtime.getRuntime().availableProcessors(), nodes, databaseNodes);
        }

        private static double[] percents(List<Long> pids, double[] start, double wall) {
            double[] percents = new double[pids.size()];
            for (int i = 0; i < percents.length; i++) {
                percents[i] = percent(cpuSeconds(pids.get(i)), start[i], wall);
            }
            return percents;
        }

        private static double percent(double now, double then, double wall) {
            return now < 0 || then < 0 ? Double.NaN : 100.0 * (now - then) / wall;
        }
    }

    /**
     * CPU over a window, in percent of one core (200 = both cores of a 2-core machine); machine busy in percent of
     * all cores. {@code databasePercent} is all database nodes together, {@code databaseNodePercents} each one.
     */
    record Usage(double seconds, double hubPercent, double databasePercent, double benchPercent,
            double machineBusyPercent, int cores, double[] nodePercents, double[] databaseNodePercents) {

        /** The hub's CPU (all its nodes) per unit of work done in the window, in milliseconds. */
        double hubMillisPer(long units) {
            return hubPercent * 10 * seconds / Math.max(1, units);
        }

        /** The database's CPU (all its nodes) per unit of work done in the window, in milliseconds. */
        double databaseMillisPer(long units) {
            return databasePercent * 10 * seconds / Math.max(1, units);
        }
    }
}
