package org.originhub.hub.delivery.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.originhub.hub.delivery.control.PushSlots;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.configuration.control.NodeIdentity;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.configuration.entity.NodeName;
import org.originhub.hub.delivery.control.BackoffPolicy;
import org.originhub.hub.delivery.control.DeliveryJob;
import org.originhub.hub.delivery.control.DeliveryQueue;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.exchange.boundary.Views;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.registry.events.Actor;

/**
 * Store-and-forward delivery to PUSH gateways. Each round claims a bounded batch of due deliveries (one short
 * transaction), pushes each through the {@link PushTransport} of the SOAP edge outside any transaction (a slow gateway
 * holds no lock and no connection), and records each outcome in a transaction of its own. Driven by
 * {@link DeliveryTimer}; {@link #deliverDueNow} is also what tests call.
 */
@Stateless
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    DeliveryQueue queue;

    @Inject
    AuditTrail audit;

    @Inject
    Instance<PushTransport> transports;

    @Inject
    NodeIdentity identity;

    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_RETRY_FIRST", defaultValue = "PT1M")
    String retryFirst;

    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_RETRY_MAX", defaultValue = "PT1H")
    String retryMax;

    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_GIVE_UP", defaultValue = "PT24H")
    String giveUp;

    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_BATCH", defaultValue = "20")
    int batch = 20;

    /** How long a claim keeps other nodes away; longer than any push may take (the push client's timeouts). */
    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_LEASE", defaultValue = "PT5M")
    String leaseText;

    /** Pushes this node runs at once, in all. */
    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_CONCURRENCY", defaultValue = "16")
    int concurrency = 16;

    /** Pushes this node runs at once to one gateway endpoint. */
    @Inject
    @ConfigProperty(name = "HUB_DELIVERY_PER_GATEWAY", defaultValue = "4")
    int perGateway = 4;

    /** The container's default managed executor; null outside a container, where pushes run in the caller. */
    @Resource
    ManagedExecutorService managedExecutor;

    /** Where pushes run: the managed executor, or (tests) an executor of the test's own. */
    Executor executor;

    /** The node's push slots, shared by every instance of this pooled bean (node-local work in progress only). */
    static final AtomicReference<PushSlots> SLOTS = new AtomicReference<>();

    BackoffPolicy policy = BackoffPolicy.DEFAULT;
    Duration lease = Duration.ofMinutes(5);
    Clock clock = Clock.systemUTC();
    /** This node start: named on its claims and its delivery attempts. */
    NodeIncarnation incarnation = NodeIncarnation.startOf(NodeName.digestOf(NodeIdentity.PROCESS));

    @PostConstruct
    void configure() {
        if (executor == null) {
            executor = managedExecutor;
        }
        if (identity != null) {
            incarnation = identity.incarnation();
        }
        policy = BackoffPolicy.parse(retryFirst, retryMax, giveUp);
        lease = BackoffPolicy.duration("HUB_DELIVERY_LEASE", leaseText);
        if (batch < 1) {
            throw new IllegalArgumentException("HUB_DELIVERY_BATCH must be at least 1, not " + batch);
        }
    }

    /**
     * What a round did.
     *
     * @param started deliveries started
     * @param full the claim took as many as it could and started some: more may be due; otherwise nothing else was
     *     due when it ran, or nothing could be started
     */
    public record Round(int started, boolean full) {
    }

    /** One round ({@link #round}): how many deliveries it started. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int deliverDueNow() {
        return round().started();
    }

    /**
     * One round: claims due PUSH deliveries (up to a batch, and no more than this node has free push slots), and
     * pushes each on the container's managed executor, recording its outcome when it returns. The round does not
     * wait for the pushes: a slow gateway keeps only its own slots busy (at most HUB_DELIVERY_PER_GATEWAY), and the
     * next round carries on with everyone else. A claimed job whose gateway is at its cap is released unpushed and
     * taken again by a later round; a gateway already at its cap is left out of the claim, so that its backlog
     * (oldest first) cannot fill every round's claim and starve the others. Without a managed executor (tests outside
     * a container) pushes run one after the other before this returns.
     *
     * @return how many deliveries were started, and whether the claim was full
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Round round() {
        PushSlots slots = slots();
        int capacity = Math.min(batch, slots.free());
        if (capacity == 0) {
            return new Round(0, false);
        }
        String token = UUID.randomUUID().toString();
        List<DeliveryJob> jobs = queue.claim(capacity, token, now(), lease, slots.saturated(), incarnation);
        int started = 0;
        for (DeliveryJob job : jobs) {
            if (!slots.tryStart(job.endpointUrl())) {
                queue.release(job);
                continue;
            }
            started++;
            Runnable work = () -> {
                try {
                    pushAndRecord(job);
                } finally {
                    slots.finish(job.endpointUrl());
                }
            };
            if (executor == null) {
                work.run();
            } else {
                try {
                    executor.execute(work);
                } catch (RuntimeException e) {
                    // the executor refused (shutting down): give the slot and the claim back
                    slots.finish(job.endpointUrl());
                    queue.release(job);
                    started--;
                }
            }
        }
        return new Round(started, started > 0 && jobs.size() >= capacity);
    }

    private void pushAndRecord(DeliveryJob job) {
        PushOutcome outcome = push(job);
        try {
            queue.record(job, outcome, now(), policy, incarnation.toString());
        } catch (RuntimeException e) {
            // the lease runs out and the message is pushed again: nothing is lost
            LOG.log(Level.WARNING, "Recording the push of " + job.document().trackingNumber() + " failed; it "
                    + "will be pushed again when its claim expires", e);
        }
    }

    private PushSlots slots() {
        PushSlots current = SLOTS.get();
        if (current == null) {
            SLOTS.compareAndSet(null, new PushSlots(concurrency, perGateway));
            current = SLOTS.get();
        }
        return current;
    }

    private PushOutcome push(DeliveryJob job) {
        if (job.problem() != null) {
            return PushOutcome.failed(job.problem());
        }
        if (!transports.isResolvable()) {
            return PushOutcome.failed("no push transport is available on hub node " + incarnation.node()
                    + (transports.isUnsatisfied() ? "" : " (more than one is deployed)"));
        }
        try {
            PushOutcome outcome = transports.get().push(job.endpointUrl(), job.document(), job.attempt(),
                    job.recipientCertificates());
            return outcome == null ? PushOutcome.failed("the push transport gave no outcome") : outcome;
        } catch (RuntimeException e) {
            // the transport promises not to throw; if it does anyway, its text stays in the hub log only
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Push of " + job.document().trackingNumber() + " failed unexpectedly, reference "
                    + reference, e);
            return PushOutcome.failed("the hub's push client failed (reference " + reference + ")");
        }
    }

    /**
     * The secretariat resends a FAILED_DELIVERY: pending again and due at once, with a fresh retry window.
     *
     * @throws ExchangeRefusedException UNKNOWN_REFERENCE for an unknown tracking number, INVALID_REQUEST for a
     *     document that has not failed
     */
    public DeliveryStatus retryNow(Actor actor, String trackingNumber) {
        ExchangeMessage m = em.createNamedQuery(ExchangeMessage.BY_TRACKING, ExchangeMessage.class)
                .setParameter("tracking", trackingNumber).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        if (m == null) {
            throw refuse(actor, trackingNumber, Refusal.UNKNOWN_REFERENCE, "no document " + trackingNumber
                    + " is known to the hub");
        }
        if (m.delivery().status() != DeliveryStatus.FAILED_DELIVERY) {
            throw refuse(actor, trackingNumber, Refusal.INVALID_REQUEST, "document " + trackingNumber + " is "
                    + m.delivery().status() + "; only a FAILED_DELIVERY can be resent");
        }
        if (m.payloadPurgedAt() != null) {
            throw refuse(actor, trackingNumber, Refusal.INVALID_REQUEST, Views.purged(m)
                    + "; a document without its payload cannot be resent");
        }
        m.resend(now());
        audit.record(AuditEntry.by(actor, "DELIVERY_RESENT", Outcome.SUCCESS)
                .aboutMessage(trackingNumber, m.coNumber(), m.senderMember(), m.recipientMember())
                .withDetail("FAILED_DELIVERY -> PENDING_DELIVERY after " + m.delivery().attempts() + " attempt(s)"));
        return m.delivery().status();
    }

    private ExchangeRefusedException refuse(Actor actor, String trackingNumber, Refusal refusal, String reason) {
        audit.record(AuditEntry.by(actor, "DELIVERY_RESENT", Outcome.REJECTED)
                .about(AuditEntry.EXCHANGE_MESSAGE, trackingNumber)
                .withExchange(trackingNumber != null && trackingNumber.length() <= 64 ? trackingNumber : null, null,
                        null, null)
                .withRefusal(refusal.code(), reason));
        return new ExchangeRefusedException(refusal, reason);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
