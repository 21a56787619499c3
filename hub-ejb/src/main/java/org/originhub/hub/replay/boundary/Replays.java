package org.originhub.hub.replay.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.originhub.hub.configuration.control.HubDatabase;
import org.originhub.hub.replay.control.ReplayLedger;

/**
 * The hub's replay guard: every node asks here, so a signature accepted on one node is a replay on all of them. The
 * SOAP edge adapts {@link #firstUse} to its {@code ReplayGuard} ({@code replays::firstUse}).
 */
@Stateless
public class Replays {

    private static final Logger LOG = Logger.getLogger(Replays.class.getName());

    @Resource(lookup = HubDatabase.JNDI_NAME)
    DataSource dataSource;

    private ReplayLedger ledger;

    @PostConstruct
    void init() {
        ledger = new ReplayLedger(dataSource);
    }

    /**
     * Claims a signature for this request, committed at once in its own transaction (whatever the caller's
     * transaction does later, the claim stands: a message that failed after this point must be signed anew).
     *
     * @param signatureHash lowercase hex SHA-256 of the signature value
     * @param keepUntil when the record may be purged
     * @return true for the first use, false for a replay
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean firstUse(String signatureHash, Instant keepUntil) {
        return ledger.record(signatureHash, keepUntil, Instant.now());
    }

    /** Every node purges; the statement is idempotent, so no coordination is needed. */
    @Schedule(hour = "*", minute = "*/5", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void purgeExpired() {
        try {
            int purged = ledger.purgeBefore(Instant.now());
            if (purged > 0) {
                LOG.fine(() -> "Purged " + purged + " expired replay record(s)");
            }
        } catch (RuntimeException e) {
            // The next run catches up; records past keep_until are refused by the timestamp check anyway.
            LOG.log(Level.WARNING, "Purging the replay guard failed", e);
        }
    }
}
