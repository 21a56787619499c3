package org.originhub.hub.exchange.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.persistence.config.CascadePolicy;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryState;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.control.Conflicts;
import org.originhub.hub.exchange.control.DeliveryOrder;
import org.originhub.hub.exchange.control.Findings;
import org.originhub.hub.exchange.control.ReferenceReads;
import org.originhub.hub.exchange.entity.AttemptKind;
import org.originhub.hub.exchange.entity.AttemptOutcome;
import org.originhub.hub.exchange.entity.DeliveryAttempt;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.lifecycle.entity.CoStatusChange;
import org.originhub.registry.gateways.entity.DeliveryMode;

/**
 * The CO exchange: what a verified gateway may do. Every method runs in one transaction with its audit record;
 * every refusal is an {@link ExchangeRefusedException} whose audit record commits with it.
 *
 * <p>{@link #submit} is the exception to "one transaction per call" only in appearance: its work runs in the
 * {@link Intake}'s own transaction, and when a concurrent twin of the same submission wins a unique key in the
 * database, it runs once more in a fresh one, which answers like a repeat (or a Duplicate).
 */
@Stateless
public class Exchanges {

    /** How often a submission is tried when it meets a concurrent one (unique key or deadlock). */
    static final int MAX_INTAKE_ATTEMPTS = 5;

    public static final int INBOX_DEFAULT = 100;
    public static final int INBOX_MAX = 500;
    public static final int PULL_MAX = 100;
    public static final int TRACK_MAX = 100;
    public static final int ACK_TEXT_MAX = 2000;
    /** Documents one AcknowledgeDelivery may name (contract 1.1). */
    public static final int ACK_MAX = 100;
    private static final Logger LOG = Logger.getLogger(Exchanges.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Intake intake;

    @Inject
    AuditTrail audit;

    Clock clock = Clock.systemUTC();

    /**
     * Checks the submission (payload against co-document-v1.xsd and against the envelope, routing rules,
     * references, duplicates), stores envelope and payload byte for byte with its SHA-256, queues delivery and
     * updates the CO lifecycle, then returns the receipt. The same (sender member, sender message id) with the same
     * payload returns the first receipt again and stores nothing; with another payload it is refused as Duplicate.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Receipt submit(Sender sender, Submission submission) {
        Intake.DuplicateCheck duplicates = Intake.DuplicateCheck.BY_UNIQUE_KEYS;
        for (int attempt = 1;; attempt++) {
            try {
                return intake.accept(sender, submission, duplicates);
            } catch (ExchangeRefusedException e) {
                throw e;
            } catch (SubmissionKeyTakenException e) {
                // what took the key has committed (InnoDB waits for an uncommitted holder): look it up now
                duplicates = Intake.DuplicateCheck.LOOKED_UP;
            } catch (RuntimeException e) {
                duplicates = Intake.DuplicateCheck.LOOKED_UP;
                Conflicts.Kind conflict = Conflicts.kindOf(e);
                if (conflict == Conflicts.Kind.DEADLOCK) {
                    // Not expected since the hub's connections run READ COMMITTED (no gap locks); on MariaDB before
                    // 10.11.11 a deadlock can bring the server down (MDEV-24035), so it is worth an operator's eye.
                    Conflicts.deadlockMet();
                    LOG.warning("Submission " + submission.envelope().senderMessageId() + " of " + sender.memberCode()
                            + " was rolled back by a database deadlock (attempt " + attempt + " of "
                            + MAX_INTAKE_ATTEMPTS + "); " + Conflicts.deadlocks() + " deadlock(s) on this node");
                }
                if (conflict == Conflicts.Kind.NONE || attempt >= MAX_INTAKE_ATTEMPTS) {
                    throw e;
                }
                // A concurrent submission took a unique key (same message id, same CO document): a fresh
                // transaction, after a short random pause, sees what the other one committed and answers like a
                // repeat or a Duplicate. A deadlock or lock wait timeout is retried the same way.
                int round = attempt;
                LOG.fine(() -> "Submission " + submission.envelope().senderMessageId() + " of " + sender.memberCode()
                        + " met a concurrent one (" + conflict + "); checking again (" + round + ")");
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt + 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a submission", e);
        }
    }

    /** The same checks as {@link #submit} without storing anything; all findings, not just the first. */
    public List<Finding> validate(Sender sender, Submission submission) {
        List<Finding> findings = intake.findings(sender, submission);
        Optional<Finding> first = Findings.firstError(findings);
        EnvelopeData envelope = submission.envelope();
        audit.record(AuditEntry.byGateway(sender.certificateFingerprint(), sender.memberCode(), "DOCUMENT_VALIDATED",
                Outcome.SUCCESS).about(AuditEntry.EXCHANGE_MESSAGE, envelope.senderMessageId())
                .withExchange(null, envelope.coNumber(), sender.memberCode(), null)
                .withDetail("valid=" + first.isEmpty() + " findings=" + findings.size()
                        + first.map(f -> " first=" + f.code() + " at " + f.field()).orElse("")));
        return findings;
    }

    /**
     * Tracking of envelopes the caller's member sent or received, in request order; an empty Optional for a tracking
     * number that is unknown or not the caller's.
     */
    public List<Optional<TrackingView>> track(Sender sender, List<String> trackingNumbers) {
        if (trackingNumbers == null || trackingNumbers.isEmpty() || trackingNumbers.size() > TRACK_MAX) {
            throw refuse(sender, "TRACKING_REFUSED", null, Refusal.INVALID_REQUEST, "ask for 1 to " + TRACK_MAX
                    + " tracking numbers at a time");
        }
        Map<String, ExchangeMessage> known = visible(sender, trackingNumbers);
        Map<Long, List<DeliveryAttempt>> attempts = attempts(known.values());
        Map<Long, List<Reference>> references = ReferenceReads.of(em, known.values().stream()
                .map(ExchangeMessage::id).toList());
        List<Optional<TrackingView>> views = new ArrayList<>();
        for (String number : trackingNumbers) {
            views.add(Optional.ofNullable(known.get(number)).map(m -> Views.tracking(m,
                    attempts.getOrDefault(m.id(), List.of()), references.getOrDefault(m.id(), List.of()))));
        }
        return views;
    }

    /** PENDING_DELIVERY documents for the caller's member that may be delivered now (ordering per CO), oldest first. */
    public Inbox inbox(Sender sender, Set<DocumentType> types, int maxItems) {
        int max = maxItems <= 0 ? INBOX_DEFAULT : maxItems;
        if (max > INBOX_MAX) {
            throw refuse(sender, "INBOX_REFUSED", null, Refusal.INVALID_REQUEST, "MaxItems is at most " + INBOX_MAX);
        }
        List<ExchangeMessage> page = waiting(sender, types, max + 1);
        List<ExchangeMessage> listed = page.stream().limit(max).toList();
        Map<Long, List<Reference>> references = ReferenceReads.of(em, listed.stream().map(ExchangeMessage::id)
                .toList());
        return new Inbox(listed.stream().map(m -> Views.inboxItem(m, references.getOrDefault(m.id(), List.of())))
                .toList(), page.size() > max);
    }

    /**
     * As {@link #inbox} with payloads (or the named tracking numbers: documents for the caller's member that are no
     * longer held back, in any delivery status, so a gateway can fetch one again; names of anything else are
     * skipped); records a pull attempt per document.
     */
    public PulledDocuments pull(Sender sender, int maxDocuments, Set<DocumentType> types,
            List<String> trackingNumbers) {
        if (maxDocuments < 1 || maxDocuments > PULL_MAX) {
            throw refuse(sender, "PULL_REFUSED", null, Refusal.INVALID_REQUEST, "MaxDocuments is 1 to " + PULL_MAX);
        }
        List<ExchangeMessage> batch;
        boolean more;
        if (trackingNumbers != null && !trackingNumbers.isEmpty()) {
            if (trackingNumbers.size() > PULL_MAX) {
                throw refuse(sender, "PULL_REFUSED", null, Refusal.INVALID_REQUEST, "at most " + PULL_MAX
                        + " tracking numbers per pull");
            }
            Map<String, ExchangeMessage> named = visible(sender, trackingNumbers);
            batch = trackingNumbers.stream().distinct().map(named::get).filter(java.util.Objects::nonNull)
                    .filter(m -> m.recipientMember().equals(sender.memberCode()) && !m.delivery().dependencyOpen())
                    .filter(m -> types == null || types.isEmpty() || types.contains(m.documentType())).toList();
            more = batch.size() > maxDocuments;
        } else {
            batch = waiting(sender, types, maxDocuments + 1);
            more = batch.size() > maxDocuments;
        }
        List<String> purged = batch.stream().limit(maxDocuments).filter(m -> m.payloadPurgedAt() != null)
                .map(Views::purged).toList();
        if (!purged.isEmpty()) {
            throw refuse(sender, "PULL_REFUSED", null, Refusal.INVALID_REQUEST, String.join("; ", purged)
                    + ". Pull the other documents without naming " + (purged.size() == 1 ? "it" : "them"));
        }
        Instant now = now();
        List<ExchangeMessage> chosen = batch.stream().limit(maxDocuments).toList();
        lock(chosen);
        Map<Long, byte[]> payloads = payloads(chosen);
        Map<Long, List<Reference>> references = ReferenceReads.of(em, chosen.stream().map(ExchangeMessage::id)
                .toList());
        List<DeliveredDocument> documents = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        for (ExchangeMessage m : chosen) {
            int number = m.delivery().countAttempt(now);
            em.persist(new DeliveryAttempt(m.id(), number, AttemptKind.PULL, now, AttemptOutcome.PULLED,
                    "pulled by gateway " + sender.gatewayId(), null));
            documents.add(Views.delivered(m, payloads.get(m.id()), references.getOrDefault(m.id(), List.of())));
            entries.add(entry(sender, "DOCUMENT_PULLED", Outcome.SUCCESS, m, "attempt=" + number + " status="
                    + m.delivery().status()));
        }
        audit.recordAll(entries);
        return new PulledDocuments(documents, more);
    }

    /** The recipient's acknowledgement: sets the delivery status once; the same again is harmless. */
    public DeliveryStatus acknowledge(Sender sender, String trackingNumber, AcknowledgementKind kind, String text) {
        return acknowledge(sender, java.util.Collections.singletonList(trackingNumber), kind, text).get(0);
    }

    /**
     * The recipient's acknowledgement of several documents (contract 1.1: up to {@value #ACK_MAX}), all with the one
     * acknowledgement, all or none: every document is checked and locked before any is changed, so a refusal (the
     * first document that would be refused) leaves all of them as they were.
     *
     * @return the delivery statuses, in the order of {@code trackingNumbers}
     */
    public List<DeliveryStatus> acknowledge(Sender sender, List<String> trackingNumbers, AcknowledgementKind kind,
            String text) {
        String first = trackingNumbers == null || trackingNumbers.isEmpty() ? null : trackingNumbers.get(0);
        if (first == null || trackingNumbers.size() > ACK_MAX) {
            throw refuse(sender, "DELIVERY_ACKNOWLEDGED", first, Refusal.INVALID_REQUEST, "name 1 to " + ACK_MAX
                    + " tracking numbers to acknowledge");
        }
        String cleanText = text == null || text.isBlank() ? null : text.strip();
        if (kind == null) {
            throw refuse(sender, "DELIVERY_ACKNOWLEDGED", first, Refusal.INVALID_REQUEST,
                    "Acknowledgement/Kind is required");
        }
        if (kind != AcknowledgementKind.OK && cleanText == null) {
            throw refuse(sender, "DELIVERY_ACKNOWLEDGED", first, Refusal.INVALID_REQUEST,
                    "Acknowledgement/Text is required for " + kind + ": say what the recipient found");
        }
        if (cleanText != null && cleanText.length() > ACK_TEXT_MAX) {
            throw refuse(sender, "DELIVERY_ACKNOWLEDGED", first, Refusal.INVALID_REQUEST,
                    "Acknowledgement/Text has at most " + ACK_TEXT_MAX + " characters");
        }
        Map<String, ExchangeMessage> named = visible(sender, trackingNumbers);
        Map<String, ExchangeMessage> messages = new java.util.LinkedHashMap<>();
        for (String trackingNumber : trackingNumbers) {
            ExchangeMessage m = named.get(trackingNumber);
            if (m == null || !m.recipientMember().equals(sender.memberCode())) {
                throw refuse(sender, "DELIVERY_ACKNOWLEDGED", trackingNumber, Refusal.UNKNOWN_REFERENCE, "no document "
                        + trackingNumber + " was sent to " + sender.memberCode());
            }
            messages.putIfAbsent(trackingNumber, m);
        }
        lock(List.copyOf(messages.values()));
        for (ExchangeMessage m : messages.values()) {
            String trackingNumber = m.trackingNumber().value();
            if (m.delivery().dependencyOpen()) {
                throw refuse(sender, "DELIVERY_ACKNOWLEDGED", trackingNumber, Refusal.INVALID_REQUEST, "document "
                        + trackingNumber + " has not been delivered yet (it waits for " + m.delivery().dependsOn()
                        + ")");
            }
            if (!m.delivery().isPending() && m.delivery().ackKind() != kind) {
                throw refuse(sender, "DELIVERY_ACKNOWLEDGED", trackingNumber, Refusal.INVALID_REQUEST, "document "
                        + trackingNumber + " is already " + m.delivery().status() + (m.delivery().ackKind() == null ? ""
                                : " (acknowledged " + m.delivery().ackKind() + ")")
                        + "; a different acknowledgement is refused");
            }
        }
        // Every row is locked and checked: change them, release their successors, and only then append to the audit
        // chain (its head is the last lock taken, as everywhere, so no two transactions wait for each other).
        Instant now = now();
        List<AuditEntry> entries = new ArrayList<>();
        List<ExchangeMessage> finished = new ArrayList<>();
        for (ExchangeMessage m : messages.values()) {
            if (m.delivery().acknowledge(kind, cleanText, now) == DeliveryState.Acknowledged.SET) {
                finished.add(m);
                entries.add(entry(sender, "DELIVERY_ACKNOWLEDGED", Outcome.SUCCESS, m, kind + " -> "
                        + m.delivery().status()));
            } else {
                entries.add(entry(sender, "DELIVERY_ACKNOWLEDGED", Outcome.SUCCESS, m, kind + " again: "
                        + m.delivery().status() + " unchanged"));
            }
        }
        DeliveryOrder.releaseSuccessors(em, finished);
        audit.recordAll(entries);
        return trackingNumbers.stream().map(n -> messages.get(n).delivery().status()).toList();
    }

    /**
     * Locks the rows of {@code messages} (and reads their committed state) in ascending id order: transactions that
     * lock several messages always lock them in the same order, so none waits for another in a cycle.
     */
    private void lock(List<ExchangeMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        // One locking read for all of them: InnoDB locks the rows as it walks the primary key, in ascending id order.
        // The refresh hint makes the managed messages take the state just read; their references never change after
        // the insert, so the refresh does not read them again.
        em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.id IN :ids ORDER BY m.id", ExchangeMessage.class)
                .setParameter("ids", messages.stream().map(ExchangeMessage::id).sorted().toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint(QueryHints.REFRESH, HintValues.TRUE)
                .setHint(QueryHints.REFRESH_CASCADE, CascadePolicy.NoCascading).getResultList();
    }

    /** The payloads of {@code messages} in one read, by message id. */
    private Map<Long, byte[]> payloads(List<ExchangeMessage> messages) {
        Map<Long, byte[]> found = new HashMap<>();
        if (messages.isEmpty()) {
            return found;
        }
        em.createQuery("SELECT p FROM MessagePayload p WHERE p.messageId IN :ids", MessagePayload.class)
                .setParameter("ids", messages.stream().map(ExchangeMessage::id).toList()).getResultList()
                .forEach(p -> found.put(p.messageId(), p.content()));
        return found;
    }

    /** The life-cycle of a CO, for its issuing and importing member only (empty for anyone else or unknown). */
    public Optional<CoStatusView> documentStatus(Sender sender, String issuingMember, String coNumber) {
        if (issuingMember == null || coNumber == null) {
            return Optional.empty();
        }
        CoRecord co = em.find(CoRecord.class, new CoKey(issuingMember, coNumber));
        if (co == null || !(sender.memberCode().equals(co.issuerMember())
                || sender.memberCode().equals(co.importingMember()))) {
            return Optional.empty();
        }
        return Optional.of(Views.coStatus(co, em.createNamedQuery(CoStatusChange.OF_CO, CoStatusChange.class)
                .setParameter("issuer", issuingMember).setParameter("number", coNumber).getResultList()));
    }

    private List<ExchangeMessage> waiting(Sender sender, Set<DocumentType> types, int limit) {
        Set<DocumentType> wanted = types == null || types.isEmpty() ? EnumSet.allOf(DocumentType.class)
                : EnumSet.copyOf(types);
        return em.createNamedQuery(ExchangeMessage.INBOX, ExchangeMessage.class)
                .setParameter("recipient", sender.memberCode())
                .setParameter("pending", DeliveryStatus.PENDING_DELIVERY).setParameter("pull", DeliveryMode.PULL)
                .setParameter("types", wanted).setMaxResults(limit).getResultList();
    }

    /** The messages among {@code trackingNumbers} that the caller's member sent or received, in one read. */
    private Map<String, ExchangeMessage> visible(Sender sender, List<String> trackingNumbers) {
        List<String> asked = trackingNumbers.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, ExchangeMessage> found = new HashMap<>();
        if (asked.isEmpty()) {
            return found;
        }
        for (ExchangeMessage m : em.createNamedQuery(ExchangeMessage.BY_TRACKINGS, ExchangeMessage.class)
                .setParameter("trackings", asked).getResultList()) {
            if (m.senderMember().equals(sender.memberCode()) || m.recipientMember().equals(sender.memberCode())) {
                found.putIfAbsent(m.trackingNumber().value(), m);
            }
        }
        return found;
    }

    /** The delivery attempts of {@code messages} in one read, by message id, each list in attempt order. */
    private Map<Long, List<DeliveryAttempt>> attempts(Collection<ExchangeMessage> messages) {
        Map<Long, List<DeliveryAttempt>> found = new HashMap<>();
        if (messages.isEmpty()) {
            return found;
        }
        em.createNamedQuery(DeliveryAttempt.OF_MESSAGES, DeliveryAttempt.class)
                .setParameter("messages", messages.stream().map(ExchangeMessage::id).toList()).getResultList()
                .forEach(a -> found.computeIfAbsent(a.messageId(), id -> new ArrayList<>()).add(a));
        return found;
    }

    private ExchangeRefusedException refuse(Sender sender, String action, String trackingNumber, Refusal refusal,
            String reason) {
        audit.record(AuditEntry.byGateway(sender.certificateFingerprint(), sender.memberCode(), action,
                Outcome.REJECTED).about(AuditEntry.EXCHANGE_MESSAGE, trackingNumber)
                .withExchange(trackingNumber == null || trackingNumber.length() > 64 ? null : trackingNumber, null,
                        null, null)
                .withRefusal(refusal.code(), reason));
        return new ExchangeRefusedException(refusal, reason);
    }

    private static AuditEntry entry(Sender sender, String action, Outcome outcome, ExchangeMessage m, String detail) {
        return AuditEntry.byGateway(sender.certificateFingerprint(), sender.memberCode(), action, outcome)
                .aboutMessage(m.trackingNumber().value(), m.coNumber(), m.senderMember(), m.recipientMember())
                .withDetail(detail);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
