package org.originhub.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The headline figures of one run, kept next to its report ({@code figures.properties}) so that a later run of the
 * same invocation can report itself against them: {@code ./hub bench --nodes N} runs one node first, then N nodes,
 * and {@code ./hub bench --hub-key-bits A,B} a hub with an A-bit key first, then one with a B-bit key; the second
 * report gives the figures side by side and their ratios.
 *
 * @param nodes hub nodes that served the run
 * @param database what the hub ran on: {@code embedded} (one MariaDB) or {@code galera} (a three-node Galera cluster)
 * @param submitRate single-document submissions per second, main run
 * @param endToEndRate COs per second submitted, delivered and acknowledged, main run
 * @param baselineRate signed round trips per second of the baseline
 * @param hubCpuMillisPerCo the CPU of all hub nodes per CO of the main run, in milliseconds
 * @param databaseCpuMillisPerCo the CPU of all database nodes per CO of the main run, in milliseconds (NaN: unknown)
 * @param statementsPerCo database statements per CO of the main run
 * @param selectsPerCo SELECT statements per CO of the main run
 * @param hubKeyBits the size of the hub's signing key (RSA modulus bits; 0: a run that did not record it)
 * @param echoRate bare signed echo round trips per second beside the hub (NaN: no echo deployed)
 * @param pullRate COs per second of the batched pull
 * @param halfRateP99Millis p99 receipt latency at half the maximum rate, in milliseconds
 * @param rssPeakMb the hub's peak RSS, in MB (the first node's with several)
 */
record RunFigures(int nodes, String database, double submitRate, double endToEndRate, double baselineRate,
        double hubCpuMillisPerCo, double databaseCpuMillisPerCo, double statementsPerCo, double selectsPerCo,
        int hubKeyBits, double echoRate, double pullRate, double halfRateP99Millis, double rssPeakMb) {

    static final String FILE = "figures.properties";

    static RunFigures of(Results r) {
        long cos = Math.max(1, r.main.submissions.calls());
        Long statements = r.mainStatements.get("Questions");
        Long selects = r.mainStatements.get("Com_select");
        return new RunFigures(r.options.hubPids.size(), r.options.database, r.main.submissions.perSecond(),
                r.main.submissions.calls() / r.main.endToEndSeconds, r.baseline.perSecond(),
                r.mainCpu == null ? Double.NaN : r.mainCpu.hubMillisPer(cos),
                r.mainCpu == null ? Double.NaN : r.mainCpu.databaseMillisPer(cos),
                statements == null ? Double.NaN : statements / (double) cos,
                selects == null ? Double.NaN : selects / (double) cos, r.hubKeyBits, r.echoRate(),
                r.pulledDocuments / r.pull.seconds(), r.halfRate.latencies().percentileMillis(99),
                Math.max(r.rssPeakKb, r.rssHighWaterKb) / 1024.0);
    }

    void write(Path directory) throws IOException {
        Properties p = new Properties();
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("database", database);
        p.setProperty("submitRate", text(submitRate));
        p.setProperty("endToEndRate", text(endToEndRate));
        p.setProperty("baselineRate", text(baselineRate));
        p.setProperty("hubCpuMillisPerCo", text(hubCpuMillisPerCo));
        p.setProperty("databaseCpuMillisPerCo", text(databaseCpuMillisPerCo));
        p.setProperty("statementsPerCo", text(statementsPerCo));
        p.setProperty("selectsPerCo", text(selectsPerCo));
        p.setProperty("hubKeyBits", Integer.toString(hubKeyBits));
        p.setProperty("echoRate", text(echoRate));
        p.setProperty("pullRate", text(pullRate));
        p.setProperty("halfRateP99Millis", text(halfRateP99Millis));
        p.setProperty("rssPeakMb", text(rssPeakMb));
        try (Writer out = Files.newBufferedWriter(directory.resolve(FILE))) {
            p.store(out, "Origin Hub bench: headline figures of one run");
        }
    }

    /** The figures another run wrote into {@code directory}; a missing or unreadable file is an error. */
    static RunFigures read(Path directory) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(FILE))) {
            p.load(in);
        }
        try {
            return new RunFigures(Integer.parseInt(p.getProperty("nodes")), p.getProperty("database", "embedded"),
                    number(p, "submitRate"), number(p, "endToEndRate"), number(p, "baselineRate"),
                    number(p, "hubCpuMillisPerCo"), Double.parseDouble(p.getProperty("databaseCpuMillisPerCo", "NaN")),
                    number(p, "statementsPerCo"), number(p, "selectsPerCo"),
                    Integer.parseInt(p.getProperty("hubKeyBits", "0")), optional(p, "echoRate"),
                    optional(p, "pullRate"), optional(p, "halfRateP99Millis"), optional(p, "rssPeakMb"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IOException("not a bench figures file: " + directory.resolve(FILE), e);
        }
    }

    /** A figure that runs before the bare echo and the key size were reported did not record: NaN then. */
    private static double optional(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key, "NaN"));
    }

    private static double number(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key));
    }

    private static String text(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
