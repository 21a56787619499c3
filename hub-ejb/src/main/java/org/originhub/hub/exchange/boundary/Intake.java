package org.originhub.hub.exchange.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.exchange.control.Conflicts;
import org.originhub.hub.exchange.control.EnvelopeRules;
import org.originhub.hub.exchange.control.Findings;
import org.originhub.hub.exchange.control.IntakeChecks;
import org.originhub.hub.exchange.control.IntakeChecks.CoStep;
import org.originhub.hub.exchange.control.IntakeChecks.DocumentStep;
import org.originhub.hub.exchange.control.IntakeChecks.ReferenceStep;
import org.originhub.hub.exchange.control.IntakeChecks.RouteStep;
import org.originhub.hub.exchange.control.IntakeChecks.SenderStep;
import org.originhub.hub.exchange.control.PayloadFacts;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.exchange.entity.StoredReference;
import org.originhub.hub.exchange.entity.TrackingNumber;
import org.originhub.hub.lifecycle.control.CoRegister;
import org.originhub.hub.lifecycle.control.LifecycleChange;
import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.registry.cache.boundary.RegistryReads;
import org.originhub.registry.cache.entity.GatewayFacts;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * Takes in one submission: the checks of the contract ({@link IntakeChecks}) in the order exchange.wsdl lists the
 * faults, then the envelope, the payload, the life-cycle change and the audit records stored together. Two entry
 * points run the same checks: {@link #accept} stores a submission and stops at the first error, {@link #findings}
 * stores nothing and reports every finding. {@link #accept} runs in a transaction of its own, so that when a
 * concurrent twin wins a unique key the caller can simply run it again: the second run sees the winner and answers
 * like a repeat (or a Duplicate).
 *
 * <p>Check order (the first failure is the fault): envelope shape (InvalidRequest), SenderMismatch, TooLarge, media
 * type (TypeNotAllowed), payload schema and consistency with the envelope (SchemaInvalid), UnknownRecipient, NotParty,
 * permissions (TypeNotAllowed), idempotency (repeat, or Duplicate of the message id), duplicate CO documents
 * (Duplicate), references and the referred CO (UnknownReference), the life-cycle transition (InvalidRequest).
 */
@Stateless
public class Intake {

    static final long DEFAULT_MAX_BYTES = 10_485_760L;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** The registry as this node keeps it, checked against the registry version once per submission. */
    @Inject
    RegistryReads registry;

    /** Tells delivery, once the intake commits, that a PUSH document is due now. */
    @Inject
    jakarta.enterprise.event.Event<PushDue> pushDue;

    @Inject
    @ConfigProperty(name = "HUB_MAX_MESSAGE_BYTES", defaultValue = "10485760")
    long maxMessageBytes = DEFAULT_MAX_BYTES;

    Clock clock = Clock.systemUTC();

    /**
     * What the checks let the intake store.
     *
     * @param change the register's verdict on the CO the document changes, null for a NEW CO
     * @param predecessor the earlier document about the same CO this one waits for, or null
     */
    record Admission(PayloadFacts facts, GatewayFacts recipientGateway, String sha256, CoRegister.Verdict change,
            ExchangeMessage predecessor) {
    }

    /**
     * The outcome of the checks for storing: a repeat of an accepted submission, the first finding that refuses it,
     * or its admission. {@code sha256} is set once the checks reached the payload's hash.
     */
    record Checked(String sha256, ExchangeMessage repeat, Finding refusal, Admission admission) {

        static Checked refused(String sha256, Finding refusal) {
            return new Checked(sha256, null, refusal, null);
        }

        static Checked refused(String sha256, List<Finding> findings) {
            return refused(sha256, Findings.firstError(findings).orElseThrow());
        }
    }

    /** How the intake finds out that a submission repeats or duplicates an accepted one. */
    public enum DuplicateCheck {
        /**
         * For a NEW CO, the unique keys decide when it is stored, without reading first: the SenderMessageId
         * ({@code uq_exchange_sender_message}), the CO document ({@code uq_exchange_co_function}) and the CO number
         * (the register's primary key). A key already taken throws {@link SubmissionKeyTakenException}, and the
         * caller runs the submission again {@link #LOOKED_UP}, which answers like a repeat or a Duplicate. Should an
         * earlier check refuse the document, the skipped reads run first, so the fault is the same as when looked up.
         */
        BY_UNIQUE_KEYS,
        /** Read before storing, in the order of the faults: every document but a NEW CO, and a second run. */
        LOOKED_UP
    }

    /**
     * Checks and stores one submission, or refuses it (its audit record commits with the refusal).
     *
     * @return the receipt, the first one again for a repeated submission
     * @throws ExchangeRefusedException the first rule the submission breaks
     * @throws SubmissionKeyTakenException with {@link DuplicateCheck#BY_UNIQUE_KEYS}: a unique key was taken,
     *     nothing is stored; run it again {@link DuplicateCheck#LOOKED_UP}
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Receipt accept(Sender sender, Submission submission, DuplicateCheck duplicates) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Checked checked = checkToStore(sender, submission, now, duplicates);
        ExchangeMessage repeat = checked.repeat();
        if (repeat == null && checked.sha256() != null && checked.refusal() != null) {
            // A twin of this submission may have committed while it was being checked (its effects, a CO number
            // taken or a CO replaced, then look like a refusal): a locking read sees committed rows and waits for a
            // twin still inserting. At READ COMMITTED it locks only the rows it finds, no gap.
            repeat = committedTwin(sender, submission, checked.sha256());
        }
        if (repeat != null) {
            audit.record(entry(sender, submission.envelope(), "SUBMISSION_REPEATED", Outcome.SUCCESS,
                    repeat.trackingNumber().value()).withDetail("senderMessageId="
                            + submission.envelope().senderMessageId() + " sha256=" + repeat.payloadSha256()
                            + ": the first receipt is returned, nothing stored"));
            return new Receipt(repeat.trackingNumber().value(), repeat.receivedAt(), repeat.payloadSha256());
        }
        if (checked.refusal() != null) {
            throw refuse(sender, submission.envelope(), Findings.refusalOf(checked.refusal()),
                    Findings.reason(checked.refusal()));
        }
        return store(sender, submission, checked.admission(), now, duplicates);
    }

    /** Every finding of the checks, nothing stored and nothing locked. */
    public List<Finding> findings(Sender sender, Submission submission) {
        IntakeChecks checks = new IntakeChecks(em, registry.current(), maxMessageBytes);
        EnvelopeData envelope = submission.envelope();
        byte[] payload = submission.payload();
        List<Finding> findings = new ArrayList<>(EnvelopeRules.check(envelope, submission.mediaType()));
        if (!findings.isEmpty()) {
            return findings; // nothing else can be read from an envelope that does not match the contract
        }
        SenderStep from = checks.sender(sender.memberCode(), sender.gatewayId(), envelope);
        from.mismatch().ifPresent(findings::add);
        Optional<Finding> tooLarge = checks.size(payload);
        if (tooLarge.isPresent()) {
            findings.add(tooLarge.get());
            return findings; // never parse an oversized payload
        }
        IntakeChecks.mediaType(submission.mediaType()).ifPresent(findings::add);
        DocumentStep document = IntakeChecks.document(envelope, payload);
        findings.addAll(document.findings());
        String sha256 = sha256(payload);
        findings.addAll(checks.route(from.gateway(), envelope, today(clock.instant())).findings());
        Optional<ExchangeMessage> earlier = checks.earlier(sender.memberCode(), envelope.senderMessageId());
        if (earlier.isPresent()) {
            if (sameSubmission(earlier.get(), submission, sha256)) {
                findings.add(IntakeChecks.alreadyAccepted(earlier.get()));
                return findings;
            }
            findings.add(IntakeChecks.messageIdTaken(sender.memberCode(), envelope, earlier.get()));
        }
        checks.duplicate(envelope, document.facts()).ifPresent(findings::add);
        if (document.facts() == null) {
            return findings;
        }
        ReferenceStep references = checks.references(sender.memberCode(), envelope);
        findings.addAll(references.findings());
        checks.concernedCo(envelope, document.facts(), references.referredCos(), false).refusal()
                .ifPresent(findings::add);
        return findings;
    }

    /** The checks up to the first error; the CO a document changes and its predecessor are locked. */
    private Checked checkToStore(Sender sender, Submission submission, Instant now, DuplicateCheck duplicates) {
        IntakeChecks checks = new IntakeChecks(em, registry.current(), maxMessageBytes);
        EnvelopeData envelope = submission.envelope();
        byte[] payload = submission.payload();
        List<Finding> shape = EnvelopeRules.check(envelope, submission.mediaType());
        if (!shape.isEmpty()) {
            return Checked.refused(null, shape);
        }
        SenderStep from = checks.sender(sender.memberCode(), sender.gatewayId(), envelope);
        if (from.mismatch().isPresent()) {
            return Checked.refused(null, from.mismatch().get());
        }
        Optional<Finding> refusal = checks.size(payload).or(() -> IntakeChecks.mediaType(submission.mediaType()));
        if (refusal.isPresent()) {
            return Checked.refused(null, refusal.get());
        }
        DocumentStep document = IntakeChecks.document(envelope, payload);
        if (Findings.hasError(document.findings())) {
            return Checked.refused(null, document.findings());
        }
        String sha256 = sha256(payload);
        RouteStep route = checks.route(from.gateway(), envelope, today(now));
        if (Findings.hasError(route.findings())) {
            return Checked.refused(sha256, route.findings());
        }
        PayloadFacts facts = document.facts();
        boolean keysDecide = duplicates == DuplicateCheck.BY_UNIQUE_KEYS && isNewCo(envelope);
        if (!keysDecide) {
            Checked earlier = earlierOrDuplicate(checks, sender, submission, sha256, facts);
            if (earlier != null) {
                return earlier;
            }
        }
        ReferenceStep references = checks.references(sender.memberCode(), envelope);
        if (Findings.hasError(references.findings())) {
            Checked earlier = keysDecide ? earlierOrDuplicate(checks, sender, submission, sha256, facts) : null;
            return earlier != null ? earlier : Checked.refused(sha256, references.findings());
        }
        // A NEW CO changes no CO and waits for no earlier document: neither step reads anything for it.
        CoStep co = checks.concernedCo(envelope, facts, references.referredCos(), true);
        if (co.refusal().isPresent()) {
            return Checked.refused(sha256, co.refusal().get());
        }
        return new Checked(sha256, null, null, new Admission(facts, route.recipientGateway(), sha256, co.verdict(),
                checks.predecessor(envelope, facts)));
    }

    /** The idempotency and duplicate steps: a repeat, a Duplicate refusal, or null when neither applies. */
    private Checked earlierOrDuplicate(IntakeChecks checks, Sender sender, Submission submission, String sha256,
            PayloadFacts facts) {
        EnvelopeData envelope = submission.envelope();
        Optional<ExchangeMessage> earlier = checks.earlier(sender.memberCode(), envelope.senderMessageId());
        if (earlier.isPresent()) {
            if (sameSubmission(earlier.get(), submission, sha256)) {
                return new Checked(sha256, earlier.get(), null, null);
            }
            return Checked.refused(sha256, IntakeChecks.messageIdTaken(sender.memberCode(), envelope, earlier.get()));
        }
        return checks.duplicate(envelope, facts).map(f -> Checked.refused(sha256, f)).orElse(null);
    }

    private static boolean isNewCo(EnvelopeData envelope) {
        return envelope.documentType() == DocumentType.CERTIFICATE_OF_ORIGIN
                && envelope.function() == DocumentFunction.NEW;
    }

    private ExchangeMessage committedTwin(Sender sender, Submission submission, String sha256) {
        return em.createNamedQuery(ExchangeMessage.BY_SENDER_MESSAGE_ID, ExchangeMessage.class)
                .setParameter("sender", sender.memberCode())
                .setParameter("id", submission.envelope().senderMessageId())
                .setLockMode(LockModeType.PESSIMISTIC_READ).getResultStream()
                .filter(m -> sameSubmission(m, submission, sha256)).findFirst().orElse(null);
    }

    /** Audits a refusal and returns the exception to throw. */
    public ExchangeRefusedException refuse(Sender sender, EnvelopeData envelope, Refusal refusal, String reason) {
        audit.record(entry(sender, envelope, "DOCUMENT_REJECTED", Outcome.REJECTED, null)
                .withRefusal(refusal.code(), reason));
        return new ExchangeRefusedException(refusal, reason);
    }

    private Receipt store(Sender sender, Submission submission, Admission a, Instant now,
            DuplicateCheck duplicates) {
        EnvelopeData envelope = submission.envelope();
        TrackingNumber tracking = TrackingNumber.next(now);
        String requestNumber = envelope.documentType() == DocumentType.VERIFICATION_REQUEST
                || envelope.documentType() == DocumentType.VERIFICATION_RESPONSE ? a.facts().requestNumber() : null;
        ExchangeMessage message = new ExchangeMessage(tracking,
                new ExchangeMessage.Routing(sender.memberCode(), sender.gatewayId(), sender.certificateFingerprint(),
                        envelope.to(), a.recipientGateway().id(), a.recipientGateway().deliveryMode()),
                new ExchangeMessage.Document(envelope.agreement(), envelope.documentType(), envelope.function(),
                        envelope.issuingMember(), envelope.coNumber(), envelope.senderMessageId(),
                        envelope.responseKind(), envelope.verificationResult(),
                        envelope.function() == DocumentFunction.REPLACE ? a.facts().replacedCoNumber() : null,
                        requestNumber),
                envelope.references().stream().map(r -> new StoredReference(r.trackingNumber(), r.issuerCoNumber()))
                        .toList(),
                submission.mediaType(), a.sha256(), submission.payload().length, now);
        if (a.predecessor() != null) {
            message.delivery().dependOn(a.predecessor().trackingNumber().value(),
                    a.predecessor().delivery().isPending());
        }
        em.persist(message);
        // the unique keys (message id, CO function, verification) decide here between concurrent twins, and for a
        // NEW CO whose duplicates were not looked up, between it and what was accepted before
        flush(duplicates);
        em.persist(new MessagePayload(message.id(), submission.payload()));
        List<LifecycleChange> changes = lifecycle(envelope, a, tracking.value(), now);
        flush(duplicates); // a NEW CO's number: the register's primary key
        DeliveryMode mode = a.recipientGateway().deliveryMode();
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(entry(sender, envelope, "DOCUMENT_RECEIVED", Outcome.SUCCESS, tracking.value()).withDetail(
                "type=" + envelope.documentType() + " function=" + envelope.function() + " agreement="
                        + envelope.agreement() + " senderMessageId=" + envelope.senderMessageId() + " sha256="
                        + a.sha256() + " size=" + submission.payload().length + " mode=" + mode
                        + (a.predecessor() == null ? "" : " after=" + a.predecessor().trackingNumber())));
        for (LifecycleChange change : changes) {
            entries.add(AuditEntry.byGateway(sender.certificateFingerprint(), sender.memberCode(),
                    "DOCUMENT_STATUS_CHANGED", Outcome.SUCCESS).about("CertificateOfOrigin", change.co().toString())
                    .withExchange(tracking.value(), change.co().coNumber(), envelope.from(), envelope.to())
                    .withDetail(change.detail()));
        }
        audit.recordAll(entries);
        if (mode == DeliveryMode.PUSH && !message.delivery().dependencyOpen()) {
            pushDue.fire(new PushDue(tracking.value()));
        }
        return new Receipt(tracking.value(), now, a.sha256());
    }

    /** Writes what is pending; a unique key taken is {@link SubmissionKeyTakenException} when the keys decide. */
    private void flush(DuplicateCheck duplicates) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (duplicates == DuplicateCheck.BY_UNIQUE_KEYS && Conflicts.kindOf(e) == Conflicts.Kind.UNIQUE_KEY) {
                throw new SubmissionKeyTakenException(e);
            }
            throw e;
        }
    }

    /** The register change the document makes: a CO issued (and the one it replaces), or a CO's status changed. */
    private List<LifecycleChange> lifecycle(EnvelopeData envelope, Admission a, String tracking, Instant now) {
        if (envelope.documentType() == DocumentType.CERTIFICATE_OF_ORIGIN
                && envelope.function() != DocumentFunction.CANCEL) {
            return CoRegister.issue(em, new CoKey(envelope.issuingMember(), envelope.coNumber()),
                    envelope.agreement(), envelope.to(), a.change(), tracking, now);
        }
        return List.of(CoRegister.change(em, a.change(), a.facts().requestNumber(), tracking, now));
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private static boolean sameSubmission(ExchangeMessage m, Submission s, String sha256) {
        EnvelopeData e = s.envelope();
        List<Reference> stored = m.references().stream()
                .map(r -> new Reference(r.trackingNumber(), r.coNumber())).toList();
        return m.payloadSha256().equals(sha256) && m.mediaType().equals(s.mediaType())
                && m.recipientMember().equals(e.to()) && m.agreementCode().equals(e.agreement())
                && m.documentType() == e.documentType() && m.documentFunction() == e.function()
                && m.coNumber().equals(e.coNumber()) && m.responseKind() == e.responseKind()
                && m.verificationResult() == e.verificationResult() && stored.equals(e.references());
    }

    /**
     * An entry about the submitted message: by its tracking number once it has one, else by its SenderMessageId. A
     * refused envelope may hold anything: only well-formed member codes go into the audit's member columns.
     */
    private static AuditEntry entry(Sender sender, EnvelopeData envelope, String action, Outcome outcome,
            String tracking) {
        return AuditEntry.byGateway(sender.certificateFingerprint(), sender.memberCode(), action, outcome)
                .about(AuditEntry.EXCHANGE_MESSAGE, tracking == null ? envelope.senderMessageId() : tracking)
                .withExchange(tracking, envelope.coNumber(), EnvelopeRules.memberOrNull(envelope.from()),
                        EnvelopeRules.memberOrNull(envelope.to()));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
