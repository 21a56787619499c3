package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.db.embedded.EmbeddedDatabase;
import org.originhub.db.testing.EmbeddedDatabaseExtension;

/**
 * Fuzzing the SOAP intake: the real pipeline and exchange on the embedded MariaDB (see {@link ExchangeHub}).
 *
 * <ul>
 * <li>{@link #seededMutations()}: a deterministic mutation fuzzer, part of every build: {@code fuzz.iterations}
 * cases (default 60, a few seconds) from seed {@code fuzz.seed}. A longer run on demand:
 * {@code mvn -o -pl hub-soap -am verify -Dit.test=SoapIntakeFuzzIT -Dfuzz.iterations=5000 -Dfuzz.seed=$RANDOM
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.</li>
 * <li>{@link #coverageGuided(FuzzedDataProvider)}: the same property under Jazzer (coverage-guided, libFuzzer). In
 * a normal build it replays its corpus (regression mode); with {@code JAZZER_FUZZ=1} in the environment it fuzzes
 * for {@code maxDuration}.</li>
 * </ul>
 * A failure prints the input (base64) and writes it under {@code target/fuzz-findings}: make it a regression case
 * in {@link HostileInputCatalogueIT}.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class SoapIntakeFuzzIT {

    private static ExchangeHub hub;
    private static SoapIntakeFuzzing fuzzing;
    private static int databasePort;

    @BeforeAll
    static void start(DataSource dataSource, EmbeddedDatabase database, @TempDir Path keys) throws Exception {
        databasePort = database.port();
        hub = new ExchangeHub(dataSource, keys);
        fuzzing = new SoapIntakeFuzzing(hub);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void seededMutations() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261201L);
        int iterations = Integer.getInteger("fuzz.iterations", 60);
        Random random = new Random(seed);
        int faults = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] input = fuzzing.input(random);
            try {
                faults += fuzzing.check(input).isFault() ? 1 : 0;
            } catch (AssertionError | RuntimeException e) {
                Path finding = Path.of("target", "fuzz-findings", "seed-" + seed + "-case-" + i + ".b64");
                Files.createDirectories(finding.getParent());
                Files.writeString(finding, SoapIntakeFuzzing.describe(input));
                throw new AssertionError("fuzz case " + i + " of seed " + seed + " (input in " + finding + ")", e);
            }
        }
        System.out.printf("SoapIntakeFuzzIT: %d cases from seed %d, %d faults, %d answers%n", iterations, seed,
                faults, iterations - faults);
        assertThat(faults).as("most mutated requests are refused").isPositive();
    }

    /**
     * Jazzer's bug detectors stay on, the SSRF one included: the hub's own connections to its database (loopback, the
     * embedded server's port) are the only network connections allowed; any other one (an external entity or DTD
     * fetched, say) is a finding.
     */
    @FuzzTest(maxDuration = "15m")
    void coverageGuided(FuzzedDataProvider data) {
        try (SilentCloseable onlyTheDatabase = BugDetectors.allowNetworkConnections((host, port) ->
                port == databasePort && ("127.0.0.1".equals(host) || "localhost".equals(host)))) {
            long seed = data.consumeLong();
            byte[] input = data.consumeBoolean() ? data.consumeRemainingAsBytes() : fuzzing.input(new Random(seed));
            fuzzing.check(input);
        }
    }
}
