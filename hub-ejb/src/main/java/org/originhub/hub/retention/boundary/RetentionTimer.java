package org.originhub.hub.retention.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the retention purge once a day at 02:40 UTC on every hub node; the nodes share the work through the
 * database's row locks (SKIP LOCKED), and each records its run.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionTimer {

    private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

    @Inject
    Retention retention;

    @Schedule(hour = "2", minute = "40", timezone = "UTC", persistent = false)
    void daily() {
        try {
            PurgeReport report = retention.purgeDue();
            LOG.info(() -> "Payload retention (" + report.retention() + "): purged " + report.purged()
                    + " payload(s) received before " + report.cutoff() + "; legal holds keep " + report.heldBack());
        } catch (RuntimeException e) {
            // tomorrow's run takes up what is left; nothing is half purged (each batch is one transaction)
            LOG.log(Level.WARNING, "The payload retention run failed", e);
        }
    }
}
