package org.originhub.hub.delivery.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
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
import org.originhub.hub.delivery.control.BackoffPolicy;
import org.originhub.hub.delivery.control.DeliveryJob;
import org.originhub.hub.delivery.control.DeliveryQueue;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.Refusal;
import org.originhub.hub.exchange.entity.DeliveryStatus;
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
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    DeliveryQueue queue;

    @Inject
    AuditTrail audit;

    @Inject
    Instance<PushTransport> transports;

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

    BackoffPolicy policy = BackoffPolicy.DEFAULT;
    Duration lease = Duration.ofMinutes(5);
    Clock clock = Clock.systemUTC();
    String node = NODE;

    @PostConstruct
    void configure() {
        policy = BackoffPolicy.parse(retryFirst, retryMax, giveUp);
        lease = BackoffPolicy.duration("HUB_DELIVERY_LEASE", leaseText);
        if (batch < 1) {
            throw new IllegalArgumentException("HUB_DELIVERY_BATCH must be at least 1, not " + batch);
        }
    }

    /**
     * One round: claims up to a batch of due PUSH deliveries, pushes them and records the outcomes.
     *
     * @return how many deliveries were attempted
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int deliverDueNow() {
        String token = UUID.randomUUID().toString();
        List<DeliveryJob> jobs = queue.claim(batch, token, now(), lease);
        for (DeliveryJob job : jobs) {
            PushOutcome outcome = push(job);
            try {
                queue.record(job, outcome, now(), policy, node);
            } catch (RuntimeException e) {
                // the lease runs out and the message is pushed again: nothing is lost
                LOG.log(Level.WARNING, "Recording the push of " + job.document().trackingNumber() + " failed; it "
                        + "will be pushed again when its claim expires", e);
            }
        }
        return jobs.size();
    }

    private PushOutcome push(DeliveryJob job) {
        if (job.problem() != null) {
            return PushOutcome.failed(job.problem());
        }
        if (!transports.isResolvable()) {
            return PushOutcome.failed("no push transport is available on hub node " + node
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
        if (m.deliveryStatus() != DeliveryStatus.FAILED_DELIVERY) {
            throw refuse(actor, trackingNumber, Refusal.INVALID_REQUEST, "document " + trackingNumber + " is "
                    + m.deliveryStatus() + "; only a FAILED_DELIVERY can be resent");
        }
        m.resend(now());
        audit.record(new AuditEntry(actor.kind().name(), actor.name(), actor.memberCode(), "DELIVERY_RESENT",
                Outcome.SUCCESS, "ExchangeMessage", trackingNumber, trackingNumber, m.coNumber(), m.senderMember(),
                m.recipientMember(), "FAILED_DELIVERY -> PENDING_DELIVERY after " + m.attempts() + " attempt(s)"));
        return m.deliveryStatus();
    }

    private ExchangeRefusedException refuse(Actor actor, String trackingNumber, Refusal refusal, String reason) {
        audit.record(new AuditEntry(actor.kind().name(), actor.name(), actor.memberCode(), "DELIVERY_RESENT",
                Outcome.REJECTED, "ExchangeMessage", trackingNumber, trackingNumber != null
                        && trackingNumber.length() <= 64 ? trackingNumber : null, null, null, null,
                refusal.code() + ": " + reason));
        return new ExchangeRefusedException(refusal, reason);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
