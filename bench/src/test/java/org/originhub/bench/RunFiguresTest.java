package org.originhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFiguresTest {

    @TempDir
    Path dir;

    @Test
    void figuresWrittenByOneRunAreReadBackByTheNext() throws IOException {
        RunFigures one = new RunFigures(1, "embedded", 61.5, 40.25, 150.0, 21.75, 12.5, 47.5, 25.4, 2048, 210.5,
                810.0, 95.25, 700.5);
        one.write(dir);
        assertThat(RunFigures.read(dir)).isEqualTo(one);
        RunFigures galera = new RunFigures(2, "galera", 8.5, 8.25, 30.0, 190.5, Double.NaN, 40.5, 14.0, 3072,
                Double.NaN, 700.0, 120.5, 650.0);
        galera.write(dir);
        assertThat(RunFigures.read(dir)).isEqualTo(galera);
    }

    @Test
    void figuresOfARunBeforeTheDatabaseWasRecordedReadAsEmbeddedWithUnknownDatabaseCpu() throws IOException {
        Files.writeString(dir.resolve(RunFigures.FILE), "nodes=1\nsubmitRate=9.6\nendToEndRate=9.2\n"
                + "baselineRate=34.7\nhubCpuMillisPerCo=178.6\nstatementsPerCo=38.8\nselectsPerCo=13.5\n");
        RunFigures old = RunFigures.read(dir);
        assertThat(old.database()).isEqualTo("embedded");
        assertThat(old.databaseCpuMillisPerCo()).isNaN();
        assertThat(old.hubCpuMillisPerCo()).isEqualTo(178.6);
        assertThat(old.echoRate()).isNaN();
        assertThat(old.hubKeyBits()).isZero();
    }

    @Test
    void theReportNamesWhatAGaleraRunIsComparedWith() {
        RunFigures one = new RunFigures(1, "embedded", 9.6, 9.2, 34.7, 178.6, 20, 38.8, 13.5, 3072, 200, 800, 90, 700);
        RunFigures twoOnGalera = new RunFigures(2, "galera", 8, 7.5, 30, 200, 60, 39, 13.6, 3072, 200, 800, 90, 700);
        RunFigures oneOnGalera = new RunFigures(1, "galera", 8, 7.5, 30, 190, 60, 39, 13.6, 3072, 200, 800, 90, 700);
        RunFigures two = new RunFigures(2, "embedded", 9.4, 9.0, 33.7, 193.3, 20, 39.4, 13.6, 3072, 200, 800, 90, 700);
        assertThat(Report.label(one)).isEqualTo("1 node");
        assertThat(Report.label(twoOnGalera)).isEqualTo("2 nodes on Galera");
        assertThat(Report.cost(one, twoOnGalera)).contains("hub cluster").contains("database cluster");
        assertThat(Report.cost(one, oneOnGalera)).contains("database cluster").doesNotContain("hub cluster");
        assertThat(Report.cost(one, two)).contains("hub cluster").doesNotContain("database cluster");
    }

    @Test
    void aRunWithoutTheBareEchoKeepsItsRateUnknown() throws IOException {
        RunFigures reused = new RunFigures(1, "embedded", 61.5, 40.25, 150.0, 21.75, 12.5, 47.5, 25.4, 3072, Double.NaN,
                810.0, 95.25, 700.5);
        reused.write(dir);
        assertThat(RunFigures.read(dir).echoRate()).isNaN();
    }

    @Test
    void aComparisonNamesEachRunByWhatDiffers() {
        RunFigures small = figures(1, 2048);
        RunFigures large = figures(1, 3072);
        RunFigures cluster = figures(2, 3072);
        assertThat(Report.label(small, large)).isEqualTo("hub key RSA-2048");
        assertThat(Report.label(large, small)).isEqualTo("hub key RSA-3072");
        assertThat(Report.label(cluster, large)).isEqualTo("2 nodes");
        assertThat(Report.label(large, cluster)).isEqualTo("1 node");
        assertThat(Report.label(cluster, small)).isEqualTo("2 nodes, hub key RSA-3072");
    }

    @Test
    void theEchoOptionsGoTogether() {
        Options o = Options.parse(new String[] {"--db-url", "jdbc:mysql://127.0.0.1/hub", "--hub-pid", "101",
            "--echo-url", "http://127.0.0.1:19501/bench-echo/services/echo", "--echo-keys", "target/echo"}, "secret");
        assertThat(o.echoUrl).endsWith("/bench-echo/services/echo");
        assertThat(o.echoKeys).isEqualTo(Path.of("target/echo"));
        assertThatThrownBy(() -> Options.parse(new String[] {"--db-url", "jdbc:mysql://127.0.0.1/hub", "--hub-pid",
            "101", "--echo-url", "http://127.0.0.1:19501/bench-echo/services/echo"}, "secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--echo-keys");
    }

    private static RunFigures figures(int nodes, int bits) {
        return new RunFigures(nodes, "embedded", 60, 40, 150, 20, 10, 47, 25, bits, 200, 800, 90, 700);
    }

    @Test
    void aMissingOrForeignFileIsAnError() throws IOException {
        assertThatThrownBy(() -> RunFigures.read(dir)).isInstanceOf(IOException.class);
        Files.writeString(dir.resolve(RunFigures.FILE), "nodes=2\n");
        assertThatThrownBy(() -> RunFigures.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a bench figures file");
    }

    @Test
    void everyNodeProcessIsSampledAndTheFirstIsTheHub() {
        Options o = Options.parse(new String[] {"--db-url", "jdbc:mysql://127.0.0.1/hub", "--hub-pid", "101",
            "--hub-pid", "102", "--baseline-run", "target/one"}, "secret");
        assertThat(o.hubPids).containsExactly(101L, 102L);
        assertThat(o.hubPid).isEqualTo(101L);
        assertThat(o.baselineRun).isEqualTo(Path.of("target/one"));
        assertThat(o.database).isEqualTo("embedded");
        assertThat(o.dbUser).isEqualTo("root");
        assertThat(o.dbPids).isEmpty();
    }

    @Test
    void aGaleraRunNamesEveryDatabaseNodeAndItsUserWithThePasswordFromTheEnvironment() {
        Options o = Options.parse(new String[] {"--db-url", "jdbc:mysql://127.0.0.1:4306,127.0.0.1:4307/hub",
            "--hub-pid", "101", "--database", "galera", "--db-user", "hub", "--db-pid", "201", "--db-pid", "202",
            "--db-pid", "203"}, "secret", "db-secret");
        assertThat(o.database).isEqualTo("galera");
        assertThat(o.dbUser).isEqualTo("hub");
        assertThat(o.dbPassword).isEqualTo("db-secret");
        assertThat(o.dbPids).containsExactly(201L, 202L, 203L);
        assertThatThrownBy(() -> Options.parse(new String[] {"--db-url", "jdbc:mysql://127.0.0.1/hub", "--hub-pid",
            "101", "--database", "oracle"}, "secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embedded or galera");
    }

    @Test
    void theHubsCpuPerCoCountsEveryNode() {
        ProcessSampler.Usage usage = new ProcessSampler.Usage(10, 150, 60, 30, 90, 2, new double[] {100, 50},
                new double[] {40, 10, 10});
        // 150 % of one core for 10 s = 15 CPU seconds over 1,000 COs
        assertThat(usage.hubMillisPer(1000)).isEqualTo(15.0);
        // the database nodes together: 60 % of one core for 10 s = 6 CPU seconds over 1,000 COs
        assertThat(usage.databaseMillisPer(1000)).isEqualTo(6.0);
    }
}
