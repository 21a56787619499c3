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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.delivery.control.BackoffPolicy;
import org.originhub.hub.exchange.boundary.PushDue;

/**
 * Drives delivery on every hub node: a non-persistent interval timer (HUB_DELIVERY_POLL, default every 2 seconds),
 * started once the schema is ready, and, so that a document accepted for a PUSH gateway does not wait for the next
 * tick, a run started on the managed executor when such a submission commits ({@link PushDue}, observed after
 * success only: a rolled-back intake wakes nothing). Wake-ups coalesce: while a run is queued on the executor or
 * running, further commits only ask it to go once more, so a burst of commits makes one run, not one task each. Runs
 * never overlap on a node: a tick or trigger that comes while one is running makes it run its rounds once more when
 * it ends, so nothing due is left to the next tick and one node never works the queue twice at once; several nodes
 * share it through the database claims. A run goes on while its rounds fill their claims and stops at the first that
 * does not (nothing else was due), without an empty claim after it. The poll remains what picks up retries and
 * documents due on other nodes.
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

    /** Runs started by commits; the container's default managed executor (tests: one of their own). */
    @Resource
    ManagedExecutorService managedExecutor;

    Executor executor;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** A run is on the executor's queue, not yet started: the commits meanwhile need no task of their own. */
    private final AtomicBoolean queued = new AtomicBoolean();

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

    /**
     * After a PUSH document's intake committed: rounds now, on the managed executor (never in the submitting
     * request's thread). Public: an observer on a session bean must be one of its business methods.
     */
    public void pushDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) PushDue due) {
        startRun(due.trackingNumber());
    }

    /**
     * Rounds now, on the managed executor, without waiting for the next tick: claims of a node that is gone were
     * released ({@link DeliveryClaims}).
     */
    public void deliverNow() {
        startRun("the released claims");
    }

    private void startRun(String what) {
        again.set(true);
        if (running.get() || !queued.compareAndSet(false, true)) {
            return; // the run in progress, or the one queued, sees the flag and runs its rounds (once more)
        }
        Executor target = executor != null ? executor : managedExecutor;
        try {
            target.execute(() -> {
                queued.set(false);
                run();
            });
        } catch (RejectedExecutionException e) {
            queued.set(false);
            LOG.fine(() -> "No thread for an immediate delivery round (" + e.getMessage() + "); the next poll takes "
                    + what);
        }
    }

    @Timeout
    void tick() {
        again.set(true);
        run();
    }

    /** Runs rounds while they fill their claims, then again while a tick or a commit asked for it meanwhile. */
    void run() {
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                again.set(false);
                // While rounds fill their claims and push slots are free, keep claiming: one round per tick would
                // cap a node at HUB_DELIVERY_BATCH documents per HUB_DELIVERY_POLL. A round that took fewer than it
                // could found nothing else due, so another would only read an empty queue. Bounded, so a run ends.
                for (int round = 0; round < MAX_ROUNDS_PER_TICK; round++) {
                    if (!deliveries.round().full()) {
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
}
