package org.originhub.hub.exchange.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.exchange.boundary.EnvelopeData;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.Finding;
import org.originhub.hub.exchange.boundary.PushDue;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Reference;
import org.originhub.hub.exchange.boundary.Refusal;
import org.originhub.hub.exchange.boundary.Sender;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.DocumentStatus;
import org.originhub.hub.exchange.entity.DocumentType;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.StoredReference;
import org.originhub.hub.exchange.entity.TrackingNumber;
import org.originhub.hub.lifecycle.control.LifecycleRules;
import org.originhub.hub.lifecycle.control.LifecycleRules.Decision;
import org.originhub.hub.lifecycle.control.LifecycleRules.Event;
import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.lifecycle.entity.CoStatusChange;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.memberstates.entity.MemberState;

/**
 * Takes in one submission: every check of the contract in the order exchange.wsdl lists the faults, then the
 * envelope, the payload, the life-cycle change and the audit records stored together. {@link #accept} runs in a
 * transaction of its own, so that when a concurrent twin wins a unique key the caller can simply run it again: the
 * second run sees the winner and answers like a repeat (or a Duplicate).
 *
 * <p>Check order (the first failure is the fault): envelope shape (InvalidRequest), SenderMismatch, TooLarge, media
 * type (TypeNotAllowed), payload schema and consistency with the envelope (SchemaInvalid), UnknownRecipient, NotParty,
 * permissions (TypeNotAllowed), idempotency (repeat, or Duplicate of the message id), duplicate CO documents
 * (Duplicate), references and the referred CO (UnknownReference), the life-cycle transition (InvalidRequest).
 */
@Stateless
public class Intake {

    public static final String XML = "application/xml";
    static final long DEFAULT_MAX_BYTES = 10_485_760L;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** Tells delivery, once the intake commits, that a PUSH document is due now. */
    @Inject
    jakarta.enterprise.event.Event<PushDue> pushDue;

    @Inject
    @ConfigProperty(name = "HUB_MAX_MESSAGE_BYTES", defaultValue = "10485760")
    long maxMessageBytes = DEFAULT_MAX_BYTES;

    Clock clock = Clock.systemUTC();

    /**
     * Checks and stores one submission, or refuses it (its audit record commits with the refusal).
     *
     * @return the receipt, the first one again for a repeated submission
     * @throws ExchangeRefusedException the first rule the submission breaks
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Receipt accept(Sender sender, Submission submission) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Checked checked = check(sender, submission, true, now);
        if (checked.repeat == null && checked.sha256 != null && Findings.hasError(checked.findings)) {
            // A twin of this submission may have committed while it was being checked (its effects, a CO number
            // taken or a CO replaced, then look like a refusal): a locking read sees committed rows and waits for a
            // twin still inserting. At READ COMMITTED it locks only the rows it finds, no gap.
            checked.repeat = committedTwin(sender, submission, checked.sha256);
        }
        if (checked.repeat != null) {
            ExchangeMessage first = checked.repeat;
            audit.record(entry(sender, submission.envelope(), "SUBMISSION_REPEATED", Outcome.SUCCESS,
                    first.trackingNumber().value(), "senderMessageId=" + submission.envelope().senderMessageId()
                            + " sha256=" + first.payloadSha256() + ": the first receipt is returned, nothing stored"));
            return new Receipt(first.trackingNumber().value(), first.receivedAt(), first.payloadSha256());
        }
        Optional<Finding> error = Findings.firstError(checked.findings);
        if (error.isPresent()) {
            throw refuse(sender, submission.envelope(), Findings.refusalOf(error.get()), Findings.reason(error.get()));
        }
        return store(sender, submission, checked, now);
    }

    private ExchangeMessage committedTwin(Sender sender, Submission submission, String sha256) {
        return em.createNamedQuery(ExchangeMessage.BY_SENDER_MESSAGE_ID, ExchangeMessage.class)
                .setParameter("sender", sender.memberCode())
                .setParameter("id", submission.envelope().senderMessageId())
                .setLockMode(LockModeType.PESSIMISTIC_READ).getResultStream()
                .filter(m -> sameSubmission(m, submission, sha256)).findFirst().orElse(null);
    }

    /** Every finding of the checks, nothing stored and nothing locked. */
    public List<Finding> findings(Sender sender, Submission submission) {
        return check(sender, submission, false, clock.instant()).findings;
    }

    /** Audits a refusal and returns the exception to throw. */
    public ExchangeRefusedException refuse(Sender sender, EnvelopeData envelope, Refusal refusal, String reason) {
        audit.record(entry(sender, envelope, "DOCUMENT_REJECTED", Outcome.REJECTED, null,
                refusal.code() + ": " + reason));
        return new ExchangeRefusedException(refusal, reason);
    }

    /** What the checks found and worked out, for storing. */
    static final class Checked {
        final List<Finding> findings = new ArrayList<>();
        PayloadFacts facts;
        Gateway senderGateway;
        Gateway recipientGateway;
        ExchangeMessage repeat;
        String sha256;
        /** The existing CO the document changes (locked when storing), null for a NEW CO. */
        CoRecord target;
        Event event;
        Decision decision;
        ExchangeMessage predecessor;

        boolean stop(boolean firstOnly) {
            return firstOnly && Findings.hasError(findings);
        }
    }

    Checked check(Sender sender, Submission submission, boolean forStore, Instant now) {
        Checked c = new Checked();
        EnvelopeData envelope = submission.envelope();
        byte[] payload = submission.payload();
        c.findings.addAll(EnvelopeRules.check(envelope, submission.mediaType()));
        if (!c.findings.isEmpty()) {
            return c; // nothing else can be read from an envelope that does not match the contract
        }
        c.senderGateway = em.find(Gateway.class, sender.gatewayId());
        if (!envelope.from().equals(sender.memberCode())) {
            c.findings.add(Findings.error(Refusal.SENDER_MISMATCH, "Envelope/From", "is " + envelope.from()
                    + ", but the message is signed by a gateway of " + sender.memberCode()));
        } else if (c.senderGateway == null || !c.senderGateway.memberCode().value().equals(sender.memberCode())) {
            c.findings.add(Findings.error(Refusal.SENDER_MISMATCH, "Envelope/From", "the signing gateway is not a "
                    + "gateway of " + sender.memberCode()));
        }
        if (c.stop(forStore)) {
            return c;
        }
        if (payload.length > maxMessageBytes) {
            c.findings.add(Findings.error(Refusal.TOO_LARGE, "Payload/Content", "has " + payload.length
                    + " bytes, more than the hub's limit of " + maxMessageBytes + " bytes"));
            return c; // never parse an oversized payload
        }
        if (!XML.equals(submission.mediaType())) {
            c.findings.add(Findings.error(Refusal.TYPE_NOT_ALLOWED, "Payload/MediaType", "version 1 carries "
                    + XML + " documents only, not " + submission.mediaType()));
            if (forStore) {
                return c;
            }
        }
        c.findings.addAll(DocumentRules.envelope(envelope));
        PayloadInspector.Inspection inspection = PayloadInspector.inspect(payload);
        c.findings.addAll(inspection.findings());
        if (inspection.wellFormed()) {
            c.facts = inspection.facts();
            c.findings.addAll(DocumentRules.payload(envelope, c.facts));
        }
        if (c.stop(forStore)) {
            return c;
        }
        c.sha256 = sha256(payload);
        routing(c, sender, envelope, now);
        if (c.stop(forStore)) {
            return c;
        }
        ExchangeMessage earlier = em.createNamedQuery(ExchangeMessage.BY_SENDER_MESSAGE_ID, ExchangeMessage.class)
                .setParameter("sender", sender.memberCode()).setParameter("id", envelope.senderMessageId())
                .getResultStream().findFirst().orElse(null);
        if (earlier != null) {
            if (sameSubmission(earlier, submission, c.sha256)) {
                if (forStore) {
                    c.repeat = earlier;
                } else {
                    c.findings.add(Findings.info(Refusal.DUPLICATE, "Envelope/SenderMessageId", "this document was "
                            + "already accepted as " + earlier.trackingNumber() + "; SubmitDocument would return "
                            + "that receipt again"));
                }
                return c;
            }
            c.findings.add(Findings.error(Refusal.DUPLICATE, "Envelope/SenderMessageId", "'"
                    + envelope.senderMessageId() + "' was already used by " + sender.memberCode() + " for "
                    + earlier.trackingNumber() + " with other content; use a new SenderMessageId"));
            if (forStore) {
                return c;
            }
        }
        duplicates(c, envelope);
        if (c.stop(forStore) || c.facts == null) {
            return c;
        }
        references(c, sender, envelope, forStore);
        if (c.stop(forStore) || !forStore) {
            return c;
        }
        if (envelope.documentType() != DocumentType.CERTIFICATE_OF_ORIGIN
                || envelope.function() != DocumentFunction.NEW) {
            // A NEW CO has no earlier document: its number is new (duplicates() checked the register, and the
            // register's primary key refuses a concurrent twin), so there is nothing to wait for and nothing to lock.
            c.predecessor = predecessor(envelope, c.facts);
        }
        return c;
    }

    private void routing(Checked c, Sender sender, EnvelopeData envelope, Instant now) {
        MemberState recipient = em.find(MemberState.class, envelope.to());
        List<Gateway> gateways = recipient == null ? List.of() : em.createNamedQuery(Gateway.OF_MEMBER,
                Gateway.class).setParameter("member", envelope.to()).getResultList();
        RoutingRules.Route route = RoutingRules.recipient(envelope.to(), recipient, gateways,
                envelope.documentType());
        if (route.refusal() != null) {
            c.findings.add(route.refusal());
            return;
        }
        c.recipientGateway = route.gateway();
        Agreement agreement = em.createNamedQuery(Agreement.BY_CODE, Agreement.class)
                .setParameter("code", envelope.agreement()).getResultStream().findFirst().orElse(null);
        Optional<Finding> party = RoutingRules.parties(envelope.agreement(), agreement, envelope.from(),
                envelope.to(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (party.isPresent()) {
            c.findings.add(party.get());
            return;
        }
        c.findings.addAll(RoutingRules.permissions(c.senderGateway, c.recipientGateway, envelope.documentType()));
    }

    /** A second CO document of the same issuer, CO number and function, or a CO number that already exists. */
    private void duplicates(Checked c, EnvelopeData envelope) {
        String issuer = envelope.issuingMember();
        if (envelope.documentType() == DocumentType.CERTIFICATE_OF_ORIGIN) {
            Optional<ExchangeMessage> same = em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.issuerMember = "
                    + ":issuer AND m.coNumber = :number AND m.documentType = :type AND m.documentFunction = :function",
                    ExchangeMessage.class).setParameter("issuer", issuer).setParameter("number", envelope.coNumber())
                    .setParameter("type", DocumentType.CERTIFICATE_OF_ORIGIN)
                    .setParameter("function", envelope.function()).getResultStream().findFirst();
            if (same.isPresent()) {
                c.findings.add(Findings.error(Refusal.DUPLICATE, "Envelope/IssuerCoNumber", "a " + envelope.function()
                        + " document for CO " + issuer + "/" + envelope.coNumber() + " was already accepted as "
                        + same.get().trackingNumber()));
                return;
            }
            if (envelope.function() != DocumentFunction.CANCEL) {
                CoRecord existing = em.find(CoRecord.class, new CoKey(issuer, envelope.coNumber()));
                if (existing != null) {
                    c.findings.add(Findings.error(Refusal.DUPLICATE, "Envelope/IssuerCoNumber", "CO number "
                            + envelope.coNumber() + " of " + issuer + " already exists (issued by "
                            + existing.issuedBy() + "); a new or replacing CO needs a number of its own"));
                }
            }
        } else if (c.facts != null && c.facts.requestNumber() != null) {
            Optional<ExchangeMessage> same = em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.issuerMember = "
                    + ":issuer AND m.coNumber = :number AND m.documentType = :type AND m.requestNumber = :request",
                    ExchangeMessage.class).setParameter("issuer", issuer).setParameter("number", envelope.coNumber())
                    .setParameter("type", envelope.documentType()).setParameter("request", c.facts.requestNumber())
                    .getResultStream().findFirst();
            same.ifPresent(m -> c.findings.add(Findings.error(Refusal.DUPLICATE, c.facts.root() + "/RequestNumber",
                    "a " + envelope.documentType() + " with RequestNumber " + c.facts.requestNumber() + " for CO "
                            + issuer + "/" + envelope.coNumber() + " was already accepted as "
                            + m.trackingNumber())));
        }
    }

    /**
     * The envelope's References must name documents or COs the caller's member exchanged; REPLACE and CANCEL must
     * name the CO they replace or cancel; every document but a NEW CO concerns a CO the hub carried between the
     * same two members under the same agreement, in a status that allows it.
     */
    private void references(Checked c, Sender sender, EnvelopeData envelope, boolean lock) {
        String caller = sender.memberCode();
        String issuer = envelope.issuingMember();
        Set<String> referredCos = new LinkedHashSet<>();
        List<Reference> references = envelope.references();
        for (int i = 0; i < references.size(); i++) {
            Reference r = references.get(i);
            String field = "Envelope/Reference[" + (i + 1) + "]";
            if (r.trackingNumber() != null) {
                Optional<ExchangeMessage> m = em.createNamedQuery(ExchangeMessage.BY_TRACKING, ExchangeMessage.class)
                        .setParameter("tracking", r.trackingNumber()).getResultStream()
                        .filter(x -> caller.equals(x.senderMember()) || caller.equals(x.recipientMember()))
                        .findFirst();
                if (m.isEmpty()) {
                    c.findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, field + "/TrackingNumber", "no document "
                            + r.trackingNumber() + " was sent or received by " + caller));
                } else if (m.get().issuerMember().equals(issuer)) {
                    referredCos.add(m.get().coNumber());
                }
            } else {
                CoRecord co = em.find(CoRecord.class, new CoKey(issuer, r.issuerCoNumber()));
                if (co == null || !(caller.equals(co.issuerMember()) || caller.equals(co.importingMember()))) {
                    c.findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, field + "/IssuerCoNumber", "no CO "
                            + issuer + "/" + r.issuerCoNumber() + " was exchanged by " + caller + " through the hub"));
                } else {
                    referredCos.add(r.issuerCoNumber());
                }
            }
        }
        DocumentType type = envelope.documentType();
        DocumentFunction function = envelope.function();
        if (type == DocumentType.CERTIFICATE_OF_ORIGIN && function == DocumentFunction.NEW
                || type == DocumentType.BUSINESS_RESPONSE && envelope.responseKind() == null
                || type == DocumentType.VERIFICATION_RESPONSE && envelope.verificationResult() == null) {
            return; // nothing to change, or an envelope finding already says what is missing
        }
        String concerned = function == DocumentFunction.REPLACE ? c.facts.replacedCoNumber() : envelope.coNumber();
        if (concerned == null) {
            return; // the schema finding already names the missing ReplacedReferenceNumber
        }
        if (function != DocumentFunction.NEW && !referredCos.contains(concerned)) {
            c.findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, "Envelope/Reference", "a "
                    + (function == DocumentFunction.REPLACE ? "replacement" : "cancellation") + " must reference the "
                    + "CO it " + (function == DocumentFunction.REPLACE ? "replaces" : "cancels") + " (" + issuer + "/"
                    + concerned + ") by its IssuerCoNumber or the TrackingNumber of a document about it"));
            return;
        }
        CoKey key = new CoKey(issuer, concerned);
        CoRecord co = lock ? em.find(CoRecord.class, key, LockModeType.PESSIMISTIC_WRITE) : em.find(CoRecord.class,
                key);
        String importer = type == DocumentType.BUSINESS_RESPONSE || type == DocumentType.VERIFICATION_REQUEST
                ? envelope.from() : envelope.to();
        String field = function == DocumentFunction.REPLACE ? c.facts.root() + "/ReplacedReferenceNumber"
                : "Envelope/IssuerCoNumber";
        if (co == null || !co.importingMember().equals(importer)) {
            c.findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, field, "no CO " + key + " issued by " + issuer
                    + " to " + importer + " has passed through the hub"));
            return;
        }
        if (!co.agreementCode().equals(envelope.agreement())) {
            c.findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, "Envelope/Agreement", "CO " + key + " was "
                    + "exchanged under agreement " + co.agreementCode() + ", not " + envelope.agreement()));
            return;
        }
        Event event = LifecycleRules.eventOf(type, function, envelope.responseKind(), envelope.verificationResult());
        if (type == DocumentType.VERIFICATION_RESPONSE
                && !Objects.equals(co.openRequestNumber(), c.facts.requestNumber())) {
            c.findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, c.facts.root() + "/RequestNumber", "there is no "
                    + "open verification request " + c.facts.requestNumber() + " about CO " + key
                    + (co.openRequestNumber() == null ? "" : " (the open one is " + co.openRequestNumber() + ")")));
            return;
        }
        Decision decision = LifecycleRules.decide(co.status(), co.everUtilised(), event, key.toString(),
                co.replacedBy());
        if (!decision.allowed()) {
            c.findings.add(Findings.error(Refusal.INVALID_REQUEST, field, decision.reason()));
            return;
        }
        c.target = co;
        c.event = event;
        c.decision = decision;
    }

    /**
     * The latest earlier document about the same CO (for a REPLACE: the replaced one too) for the same recipient:
     * this one is held back until that one is acknowledged or has failed. Read with a lock, which also sees rows
     * committed after this transaction began and makes a concurrent acknowledgement of the predecessor wait (or
     * be seen), so the hold is never left open by mistake. Two documents about one CO never race here: both
     * locked the CO's register row first (references()), so the second one finds the first. The connections run
     * READ COMMITTED, so a read that finds nothing locks no gap a concurrent insert would then deadlock on.
     */
    private ExchangeMessage predecessor(EnvelopeData envelope, PayloadFacts facts) {
        List<String> numbers = new ArrayList<>();
        numbers.add(envelope.coNumber());
        if (envelope.function() == DocumentFunction.REPLACE && facts.replacedCoNumber() != null) {
            numbers.add(facts.replacedCoNumber());
        }
        return em.createNamedQuery(ExchangeMessage.LATEST_ABOUT_CO, ExchangeMessage.class)
                .setParameter("recipient", envelope.to()).setParameter("issuer", envelope.issuingMember())
                .setParameter("numbers", numbers).setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    private Receipt store(Sender sender, Submission submission, Checked c, Instant now) {
        EnvelopeData envelope = submission.envelope();
        TrackingNumber tracking = TrackingNumber.next(now);
        String requestNumber = envelope.documentType() == DocumentType.VERIFICATION_REQUEST
                || envelope.documentType() == DocumentType.VERIFICATION_RESPONSE ? c.facts.requestNumber() : null;
        ExchangeMessage message = new ExchangeMessage(tracking,
                new ExchangeMessage.Routing(sender.memberCode(), sender.gatewayId(), sender.certificateFingerprint(),
                        envelope.to(), c.recipientGateway.id(), c.recipientGateway.deliveryMode()),
                new ExchangeMessage.Document(envelope.agreement(), envelope.documentType(), envelope.function(),
                        envelope.issuingMember(), envelope.coNumber(), envelope.senderMessageId(),
                        envelope.responseKind(), envelope.verificationResult(),
                        envelope.function() == DocumentFunction.REPLACE ? c.facts.replacedCoNumber() : null,
                        requestNumber),
                envelope.references().stream().map(r -> new StoredReference(r.trackingNumber(), r.issuerCoNumber()))
                        .toList(),
                submission.mediaType(), c.sha256, submission.payload().length, now);
        if (c.predecessor != null) {
            message.delivery().dependOn(c.predecessor.trackingNumber().value(), c.predecessor.delivery().isPending());
        }
        em.persist(message);
        em.flush(); // the unique keys (message id, CO function, verification) decide here between concurrent twins
        em.persist(new MessagePayload(message.id(), submission.payload()));
        List<String[]> changes = lifecycle(envelope, c, tracking.value(), now);
        em.flush();
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(entry(sender, envelope, "DOCUMENT_RECEIVED", Outcome.SUCCESS, tracking.value(),
                "type=" + envelope.documentType() + " function=" + envelope.function() + " agreement="
                        + envelope.agreement() + " senderMessageId=" + envelope.senderMessageId() + " sha256="
                        + c.sha256 + " size=" + submission.payload().length + " mode="
                        + c.recipientGateway.deliveryMode()
                        + (c.predecessor == null ? "" : " after=" + c.predecessor.trackingNumber())));
        for (String[] change : changes) {
            entries.add(new AuditEntry("GATEWAY", sender.certificateFingerprint(), sender.memberCode(),
                    "DOCUMENT_STATUS_CHANGED", Outcome.SUCCESS, "CertificateOfOrigin", change[0] + "/" + change[1],
                    tracking.value(), change[1], envelope.from(), envelope.to(), change[2]));
        }
        audit.recordAll(entries);
        if (c.recipientGateway.deliveryMode() == DeliveryMode.PUSH && !message.delivery().dependencyOpen()) {
            pushDue.fire(new PushDue(tracking.value()));
        }
        return new Receipt(tracking.value(), now, c.sha256);
    }

    /** Applies the register change; returns {issuer, CO number, detail} per changed CO for the audit. */
    private List<String[]> lifecycle(EnvelopeData envelope, Checked c, String tracking, Instant now) {
        List<String[]> changes = new ArrayList<>();
        String issuer = envelope.issuingMember();
        if (envelope.documentType() == DocumentType.CERTIFICATE_OF_ORIGIN
                && envelope.function() != DocumentFunction.CANCEL) {
            String replaced = c.target == null ? null : c.target.coNumber();
            if (c.target != null) {
                DocumentStatus previous = c.target.changeTo(c.decision.next(), now, null);
                c.target.replacedBy(envelope.coNumber());
                em.persist(new CoStatusChange(c.target.key(), previous, c.decision.next(), now, tracking));
                changes.add(new String[] {issuer, replaced, previous + "->" + c.decision.next() + " replacedBy="
                        + envelope.coNumber()});
            }
            CoKey key = new CoKey(issuer, envelope.coNumber());
            em.persist(new CoRecord(key, envelope.agreement(), envelope.to(), tracking, replaced, now));
            em.persist(new CoStatusChange(key, null, DocumentStatus.ISSUED, now, tracking));
            changes.add(new String[] {issuer, envelope.coNumber(), "->ISSUED agreement=" + envelope.agreement()
                    + " importer=" + envelope.to() + (replaced == null ? "" : " replaces=" + replaced)});
            return changes;
        }
        DocumentStatus previous = c.target.changeTo(c.decision.next(), now, c.facts.requestNumber());
        em.persist(new CoStatusChange(c.target.key(), previous, c.decision.next(), now, tracking));
        changes.add(new String[] {issuer, c.target.coNumber(), previous + "->" + c.decision.next()
                + (c.event == Event.REQUEST_VERIFICATION || envelope.documentType() == DocumentType.VERIFICATION_RESPONSE
                        ? " request=" + c.facts.requestNumber() : "")});
        return changes;
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

    static AuditEntry entry(Sender sender, EnvelopeData envelope, String action, Outcome outcome, String tracking,
            String detail) {
        // a refused envelope may hold anything: only well-formed member codes go into the audit's member columns
        return new AuditEntry("GATEWAY", sender.certificateFingerprint(), sender.memberCode(), action, outcome,
                "ExchangeMessage", tracking == null ? envelope.senderMessageId() : tracking, tracking,
                envelope.coNumber(), member(envelope.from()), member(envelope.to()), detail);
    }

    private static String member(String code) {
        return code != null && EnvelopeRules.MEMBER.matcher(code).matches() ? code : null;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
