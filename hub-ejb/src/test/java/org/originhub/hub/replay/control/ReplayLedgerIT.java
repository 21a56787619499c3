package org.originhub.hub.replay.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;

/** The replay guard against a real MariaDB 10.11 with the real migrations. */
@ExtendWith(EmbeddedDatabaseExtension.class)
class ReplayLedgerIT {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Test
    void aSignatureIsAcceptedOnceAndThenRecognisedAsAReplay(DataSource dataSource) {
        ReplayLedger ledger = new ReplayLedger(dataSource);
        String key = randomKey();

        assertThat(ledger.record(key, NOW.plusSeconds(360), NOW)).isTrue();
        assertThat(ledger.record(key, NOW.plusSeconds(360), NOW.plusSeconds(1))).isFalse();
        assertThat(new ReplayLedger(dataSource).record(key, NOW.plusSeconds(360), NOW.plusSeconds(2)))
                .as("another node, same database").isFalse();
    }

    @Test
    void concurrentClaimsOfOneSignatureHaveExactlyOneWinner(DataSource dataSource) throws Exception {
        String key = randomKey();
        int nodes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ReplayLedger node = new ReplayLedger(dataSource);
                Callable<Boolean> claim = () -> {
                    start.await();
                    return node.record(key, NOW.plusSeconds(360), NOW);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> claim : claims) {
                winners += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recordsKeepMicrosecondsInUtc(DataSource dataSource) throws SQLException {
        String key = randomKey();
        new ReplayLedger(dataSource).record(key, NOW.plusSeconds(360), NOW);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DATE_FORMAT(keep_until, '%Y-%m-%d %H:%i:%s.%f'), "
                        + "DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i:%s.%f') FROM replay_guard "
                        + "WHERE signature_hash = '" + key + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2026-03-01 10:06:00.123456");
            assertThat(rs.getString(2)).isEqualTo("2026-03-01 10:00:00.123456");
        }
    }

    @Test
    void purgingRemovesOnlyExpiredRecords(DataSource dataSource) {
        ReplayLedger ledger = new ReplayLedger(dataSource);
        Instant far = Instant.parse("2030-01-01T00:00:00Z");
        String expired = randomKey();
        String live = randomKey();
        ledger.record(expired, far.minus(Duration.ofSeconds(1)), far.minus(Duration.ofMinutes(6)));
        ledger.record(live, far.plus(Duration.ofMinutes(5)), far);

        assertThat(ledger.purgeBefore(far)).isGreaterThanOrEqualTo(1);

        assertThat(ledger.record(expired, far.plusSeconds(360), far)).as("purged, so unknown again").isTrue();
        assertThat(ledger.record(live, far.plusSeconds(360), far)).as("kept").isFalse();
    }

    @Test
    void onlySha256HexKeysAreAccepted(DataSource dataSource) {
        ReplayLedger ledger = new ReplayLedger(dataSource);

        assertThatThrownBy(() -> ledger.record("ABC", NOW, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.record(randomKey().toUpperCase(), NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String randomKey() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putLong(a.getMostSignificantBits())
                .putLong(a.getLeastSignificantBits()).putLong(b.getMostSignificantBits())
                .putLong(b.getLeastSignificantBits()).array());
    }
}
