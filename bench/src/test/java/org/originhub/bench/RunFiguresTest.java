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
        RunFigures one = new RunFigures(1, 61.5, 40.25, 150.0, 21.75, 47.5, 25.4, 2048, 210.5, 810.0, 95.25, 700.5);
        one.write(dir);
        assertThat(RunFigures.read(dir)).isEqualTo(one);
    }

    @Test
    void aRunWithoutTheBareEchoKeepsItsRateUnknown() throws IOException {
        RunFigures reused = new RunFigures(1, 61.5, 40.25, 150.0, 21.75, 47.5, 25.4, 3072, Double.NaN, 810.0, 95.25,
                700.5);
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
        return new RunFigures(nodes, 60, 40, 150, 20, 47, 25, bits, 200, 800, 90, 700);
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
    }

    @Test
    void theHubsCpuPerCoCountsEveryNode() {
        ProcessSampler.Usage usage = new ProcessSampler.Usage(10, 150, 20, 30, 90, 2, new double[] {100, 50});
        // 150 % of one core for 10 s = 15 CPU seconds over 1,000 COs
        assertThat(usage.hubMillisPer(1000)).isEqualTo(15.0);
    }
}
