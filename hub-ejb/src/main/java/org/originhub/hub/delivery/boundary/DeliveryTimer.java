package org.originhub.hub.delivery.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.delivery.control.BackoffPolicy;

/**
 * Drives delivery on every hub node: a non-persistent interval timer (HUB_DELIVERY_POLL, default every 2 seconds),
 * started once the schema is ready. A round that is still running when the next tick comes makes that tick a no-op, so
 * one node never works the queue twice at once; several nodes share it through the database claims.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryTimer {

    private static final Logger LOG = Logger.getLogger(DeliveryTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Deliveries deliveries;

    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_POLL", defaultValue = "PT2S")
    String poll;

    /** Rounds one tick may run back to back while they find due deliveries and free push slots. */
    static final int MAX_ROUNDS_PER_TICK = 50;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Public: an observer on a session bean must be one of its business methods. */
    public void start(@Observes SchemaReady ready) {
        if (!timers.getTimers().isEmpty()) {
            return;
        }
        Duration interval = BackoffPolicy.duration("HUB_DELIVERY_POLL", poll);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("HUB_DELIVERY_POLL must be positive, not " + poll);
        }
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(),
                new TimerConfig("exchange-delivery", false));
        LOG.info(() -> "Delivery of PUSH documents runs every " + interval);
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            // While rounds find work and push slots are free, keep claiming: one round per tick would cap a node at
            // HUB_DELIVERY_BATCH documents per HUB_DELIVERY_POLL (./hub bench). Bounded, so a tick always ends.
            for (int round = 0; round < MAX_ROUNDS_PER_TICK; round++) {
                if (deliveries.deliverDueNow() == 0) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // the next tick tries again; claims left behind expire
            LOG.log(Level.WARNING, "A delivery round failed", e);
        } finally {
            running.set(false);
        }
    }
}
