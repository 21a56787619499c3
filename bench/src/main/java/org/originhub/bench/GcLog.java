package org.originhub.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's GC log, as {@code -Xlog:gc:file=...} writes it (one line per collection, e.g. {@code [61.2s] GC(40)
 * Pause Young (Normal) (G1 Evacuation Pause) 212M->48M(512M) 6.1ms}), read on from where the previous read stopped.
 * The heap after a collection comes from the collections the hub ran anyway: the soak forces none, which would
 * change what it measures.
 */
final class GcLog {

    private static final Pattern BEFORE_AFTER = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Path file;
    private long offset;

    GcLog(Path file) {
        this.file = file;
    }

    /**
     * The lowest heap after a collection among the lines written since the previous call, in MB; NaN when no
     * collection was logged meanwhile or there is no log. A line still being written is left for the next call.
     */
    double lowestAfterGcMbSinceLastRead() {
        if (file == null || !Files.isRegularFile(file)) {
            return Double.NaN;
        }
        byte[] fresh;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < offset) {
                offset = 0; // the log was started again
            }
            fresh = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - offset)];
            in.seek(offset);
            in.readFully(fresh);
        } catch (IOException e) {
            return Double.NaN;
        }
        int end = fresh.length;
        while (end > 0 && fresh[end - 1] != '\n') {
            end--;
        }
        offset += end;
        double lowest = Double.NaN;
        for (String line : new String(fresh, 0, end, StandardCharsets.UTF_8).split("\n")) {
            double after = afterGcMb(line);
            if (!Double.isNaN(after) && (Double.isNaN(lowest) || after < lowest)) {
                lowest = after;
            }
        }
        return lowest;
    }

    /** The heap after the collection a GC log line reports, in MB; NaN for any other line. */
    static double afterGcMb(String line) {
        if (!line.contains("GC(") || !line.contains("Pause")) {
            return Double.NaN;
        }
        Matcher m = BEFORE_AFTER.matcher(line);
        if (!m.find()) {
            return Double.NaN;
        }
        return megabytes(Long.parseLong(m.group(3)), m.group(4).charAt(0));
    }

    private static double megabytes(long value, char unit) {
        return switch (unit) {
            case 'K' -> value / 1024.0;
            case 'G' -> value * 1024.0;
            default -> value;
        };
    }
}
