package org.originhub.hub.delivery.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.originhub.hub.alerts.boundary.Alerts;
import org.originhub.hub.alerts.entity.Severity;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.exchange.control.DeliveryOrder;
import org.originhub.hub.exchange.control.ReferenceReads;
import org.originhub.hub.exchange.boundary.Views;
import org.originhub.hub.exchange.entity.AttemptKind;
import org.originhub.hub.exchange.entity.AttemptOutcome;
import org.originhub.hub.exchange.entity.DeliveryAttempt;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.registry.persistence.InstantConverter;
import org.originhub.registry.cache.boundary.RegistryReads;
import org.originhub.registry.cache.boundary.RegistryView;
import org.originhub.registry.cache.entity.GatewayFacts;
import org.originhub.registry.gateways.entity.DeliveryMode;

/**
 * The shared delivery queue in the database. {@link #claim} takes due PUSH deliveries with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and marks them with a lease in one short transaction, so every hub node
 * can work the same queue without two of them pushing the same message; {@link #record} writes what came of a push in
 * another. Each claim names the node start that holds it ({@link NodeIncarnation}). A node that dies between the two
 * leaves its claims behind: they are released at once when the node is known to be gone ({@link #releaseEarlier}
 * when it starts again, {@link #releaseHeldBy} when it left the data grid), otherwise when their lease expires; the
 * message is pushed again (same tracking number; recipients must be idempotent), never lost.
 */
@Stateless
public class DeliveryQueue {

    // Plain SQL for SKIP LOCKED (MariaDB 10.6+, MySQL 8); the index ix_exchange_due serves it. %s: the endpoints to
    // leave out (those at their push cap on this node), so that their backlog cannot fill every claim.
    static final String DUE = "SELECT id FROM exchange_message WHERE delivery_status = 'PENDING_DELIVERY' "
            + "AND delivery_mode = 'PUSH' AND dependency_open = FALSE AND next_attempt_at <= ? "
            + "AND (claimed_until IS NULL OR claimed_until < ?)%s ORDER BY next_attempt_at, id LIMIT ? "
            + "FOR UPDATE SKIP LOCKED";
    static final String NOT_TO = " AND recipient_gateway_id NOT IN (SELECT g.id FROM gateway g WHERE g.endpoint_url "
            + "IN (%s))";
    /** Every claim of one node start. */
    static final String RELEASE_HELD_BY = "UPDATE exchange_message SET claim_token = NULL, claimed_until = NULL, "
            + "claimed_by = NULL, claimed_by_start = NULL WHERE claimed_by = ? AND claimed_by_start = ?";
    /** Every claim of the earlier starts of one node: its name, another start id. */
    static final String RELEASE_EARLIER = "UPDATE exchange_message SET claim_token = NULL, claimed_until = NULL, "
            + "claimed_by = NULL, claimed_by_start = NULL WHERE claimed_by = ? AND claimed_by_start <> ?";
    /** The audit action of a release. */
    public static final String CLAIMS_RELEASED = "DELIVERY_CLAIMS_RELEASED";
    // native queries bypass the converters: times are bound as the same UTC text InstantConverter writes
    private static final InstantConverter SQL_TIME = new InstantConverter();

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** The recipients' gateways and certificates as this node keeps them, checked once per claim. */
    @Inject
    RegistryReads registryReads;

    @Inject
    Alerts alerts;

    /**
     * Claims up to {@code batch} due PUSH deliveries for {@code lease}, and prepares each push. Deliveries to the
     * endpoints in {@code skip} are left alone: they are at their push cap on this node, and claiming their oldest
     * documents first would, with a backlog, fill every claim and hold up everyone else's.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryJob> claim(int batch, String token, Instant now, Duration lease, Set<String> skip,
            NodeIncarnation holder) {
        List<String> skipped = List.copyOf(skip);
        String sql = DUE.formatted(skipped.isEmpty() ? ""
                : NOT_TO.formatted(String.join(", ", java.util.Collections.nCopies(skipped.size(), "?"))));
        jakarta.persistence.Query due = em.createNativeQuery(sql)
                .setParameter(1, SQL_TIME.convertToDatabaseColumn(now))
                .setParameter(2, SQL_TIME.convertToDatabaseColumn(now));
        for (int i = 0; i < skipped.size(); i++) {
            due.setParameter(3 + i, skipped.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = due.setParameter(3 + skipped.size(), batch).getResultList();
        List<DeliveryJob> jobs = new ArrayList<>();
        if (ids.isEmpty()) {
            return jobs;
        }
        RegistryView registry = registryReads.current();
        // The rows are locked by the claim above and this persistence context is new, so one read gives their
        // committed state (no refresh), one more their payloads and one their references.
        List<Long> claimed = ids.stream().map(id -> ((Number) id).longValue()).toList();
        Map<Long, List<Reference>> references = ReferenceReads.of(em, claimed);
        Map<Long, MessagePayload> payloads = new HashMap<>();
        em.createQuery("SELECT p FROM MessagePayload p WHERE p.messageId IN :ids", MessagePayload.class)
                .setParameter("ids", claimed).getResultList().forEach(p -> payloads.put(p.messageId(), p));
        for (ExchangeMessage m : em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.id IN :ids ORDER BY "
                + "m.delivery.nextAttemptAt, m.id", ExchangeMessage.class).setParameter("ids", claimed).getResultList()) {
            GatewayFacts gateway = registry.gateway(m.recipientGatewayId()).orElse(null);
            if (gateway != null && gateway.deliveryMode() == DeliveryMode.PULL) {
                // the recipient switched to pulling since: the document waits in its inbox instead
                m.deliverByPull();
                audit.record(hubEntry("DELIVERY_REROUTED", Outcome.SUCCESS, m, "recipient gateway " + gateway
                        + " now pulls: moved to its inbox"));
                continue;
            }
            m.delivery().claim(token, now.plus(lease), holder);
            String problem = null;
            if (gateway == null || !gateway.isActive()) {
                problem = "the recipient's gateway " + (gateway == null ? "" : gateway + " ") + "is not active";
            } else if (gateway.endpointUrl() == null) {
                problem = "the recipient's gateway " + gateway + " has no endpoint URL";
            }
            MessagePayload payload = payloads.get(m.id());
            if (payload == null && problem == null) {
                problem = "the payload is no longer stored";
            }
            jobs.add(new DeliveryJob(m.id(), token, gateway == null ? null : gateway.endpointUrl(),
                    Views.delivered(m, payload == null ? new byte[0] : payload.content(),
                            references.getOrDefault(m.id(), List.of())), m.delivery().attempts() + 1,
                    gateway == null ? Set.of() : registry.signingCertificates(gateway.id()), problem));
        }
        return jobs;
    }

    /**
     * Releases every claim the node start {@code gone} holds: it left the data grid ({@code why}), so it pushes
     * nothing more. Recorded in the audit log (how many, whose, by which node) when there were any; several survivors
     * doing it at once release each claim once (the first update takes the rows, the others find none).
     *
     * @return how many claims were released
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int releaseHeldBy(NodeIncarnation gone, String why, NodeIncarnation by) {
        int released = em.createNativeQuery(RELEASE_HELD_BY).setParameter(1, gone.node().value())
                .setParameter(2, gone.startId()).executeUpdate();
        recordRelease(released, gone.toString(), why, by);
        return released;
    }

    /**
     * Releases every claim held by earlier starts of {@code current}'s node (same name, another start id): this node
     * started again, so what it claimed before is pushed by nobody. Recorded like {@link #releaseHeldBy}.
     *
     * @return how many claims were released
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int releaseEarlier(NodeIncarnation current) {
        int released = em.createNativeQuery(RELEASE_EARLIER).setParameter(1, current.node().value())
                .setParameter(2, current.startId()).executeUpdate();
        recordRelease(released, current.node() + " (earlier starts)", "it started again as " + current, current);
        return released;
    }

    private void recordRelease(int released, String holder, String why, NodeIncarnation by) {
        if (released > 0) {
            audit.record(AuditEntry.byHub("delivery", CLAIMS_RELEASED, Outcome.SUCCESS)
                    .about("HubNode", holder)
                    .withDetail("released " + released + " delivery claim(s) of " + holder + " at once: " + why
                            + "; released by " + by));
        }
    }

    /** Gives back a claim that was not pushed (its gateway was at its cap): due again at once, no attempt counted. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(DeliveryJob job) {
        ExchangeMessage m = em.find(ExchangeMessage.class, job.messageId(), LockModeType.PESSIMISTIC_WRITE);
        if (m != null && m.delivery().claimedBy(job.claimToken())) {
            m.delivery().releaseClaim();
        }
    }

    /**
     * Records one push: the attempt, then the delivery status (acknowledged), the next retry, or FAILED_DELIVERY
     * with an alert once the policy gives up.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(DeliveryJob job, PushOutcome outcome, Instant at, BackoffPolicy policy, String node) {
        ExchangeMessage m = em.find(ExchangeMessage.class, job.messageId(), LockModeType.PESSIMISTIC_WRITE);
        int number = m.delivery().countAttempt(at);
        boolean ok = outcome.succeeded();
        String detail = ok ? "acknowledged " + outcome.acknowledgement()
                + (outcome.text() == null ? "" : ": " + outcome.text()) : outcome.failure();
        em.persist(new DeliveryAttempt(m.id(), number, AttemptKind.PUSH, at, ok ? AttemptOutcome.ACKNOWLEDGED
                : AttemptOutcome.FAILED, detail, node));
        if (m.delivery().claimedBy(job.claimToken())) {
            m.delivery().releaseClaim();
        }
        // The audit records go last, together: the chain head is the last lock the transaction takes.
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(hubEntry("DELIVERY_ATTEMPTED", ok ? Outcome.SUCCESS : Outcome.FAILED, m, "attempt=" + number
                + " endpoint=" + job.endpointUrl() + " " + detail));
        if (!m.delivery().isPending()) {
            audit.recordAll(entries);
            return; // acknowledged meanwhile (a pull, an earlier push whose record came late): keep the first
        }
        if (ok) {
            m.delivery().acknowledge(outcome.acknowledgement(), outcome.text(), at);
            DeliveryOrder.releaseSuccessors(em, m);
            entries.add(hubEntry("DELIVERED", Outcome.SUCCESS, m, outcome.acknowledgement() + " -> "
                    + m.delivery().status() + " after " + number + " attempt(s)"));
            audit.recordAll(entries);
            return;
        }
        Optional<Instant> next = policy.next(m.delivery().firstAttemptAt(), at, number);
        if (next.isPresent()) {
            m.delivery().retryAt(next.get());
            audit.recordAll(entries);
            return;
        }
        m.delivery().fail(at);
        DeliveryOrder.releaseSuccessors(em, m);
        entries.add(hubEntry("DELIVERY_FAILED", Outcome.FAILED, m, "gave up after " + number + " attempt(s) since "
                + m.delivery().firstAttemptAt() + "; last failure: " + outcome.failure()));
        audit.recordAll(entries);
        alerts.raise("DELIVERY_FAILED", Severity.CRITICAL, "delivery-failed:" + m.trackingNumber() + ":" + number,
                "Delivery of " + m.trackingNumber() + " to " + m.recipientMember() + " failed",
                "The hub gave up pushing " + m.documentType() + " " + m.trackingNumber() + " (CO " + m.issuerMember()
                        + "/" + m.coNumber() + ") from " + m.senderMember() + " to " + m.recipientMember()
                        + " after " + number + " attempts since " + m.delivery().firstAttemptAt() + ". Last failure: "
                        + outcome.failure() + ". Fix the gateway, then resend it from the console.");
    }

    static AuditEntry hubEntry(String action, Outcome outcome, ExchangeMessage m, String detail) {
        return AuditEntry.byHub("delivery", action, outcome)
                .aboutMessage(m.trackingNumber().value(), m.coNumber(), m.senderMember(), m.recipientMember())
                .withDetail(detail);
    }
}
