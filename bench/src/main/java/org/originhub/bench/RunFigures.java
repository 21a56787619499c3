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
 * and the second report gives the ratios.
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
 */
record RunFigures(int nodes, String database, double submitRate, double endToEndRate, double baselineRate,
        double hubCpuMillisPerCo, double databaseCpuMillisPerCo, double statementsPerCo, double selectsPerCo) {

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
                selects == null ? Double.NaN : selects / (double) cos);
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
                    number(p, "statementsPerCo"), number(p, "selectsPerCo"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IOException("not a bench figures file: " + directory.resolve(FILE), e);
        }
    }

    private static double number(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key));
    }

    private static String text(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
