package org.originhub.hub.exchange.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.lifecycle.control.CoRegister;
import org.originhub.hub.lifecycle.control.LifecycleRules.Event;
import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.registry.cache.boundary.RegistryView;
import org.originhub.registry.cache.entity.GatewayFacts;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * The checks of one submission as steps, each reading what it needs (the registry, earlier messages, the CO register)
 * and returning what it found, in the order exchange.wsdl lists the faults. The intake runs them twice over: to store
 * a submission (up to the first error) and to validate one (every finding).
 */
public final class IntakeChecks {

    /** The one media type of version 1 of the contract. */
    public static final String XML = "application/xml";

    private final EntityManager em;
    private final RegistryView registry;
    private final long maxMessageBytes;

    /**
     * The steps over {@code em}, the caller's persistence context, and {@code registry}, the registry at the version
     * the caller's transaction read; payloads above {@code maxMessageBytes} are refused.
     */
    public IntakeChecks(EntityManager em, RegistryView registry, long maxMessageBytes) {
        this.em = em;
        this.registry = registry;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The signing gateway (null when unknown) and, if it may not speak for the envelope's From, why. */
    public record SenderStep(GatewayFacts gateway, Optional<Finding> mismatch) {
    }

    /** What was read from the payload (null when it is not well-formed) and everything wrong with it as a document. */
    public record DocumentStep(PayloadFacts facts, List<Finding> findings) {
    }

    /** The recipient's gateway the document goes to (null when there is none) and what routing refuses. */
    public record RouteStep(GatewayFacts recipientGateway, List<Finding> findings) {
    }

    /** The COs of the envelope's issuer its References name, and the References that name nothing of the caller's. */
    public record ReferenceStep(Set<String> referredCos, List<Finding> findings) {
    }

    /**
     * The life-cycle step: for a document that changes an existing CO, the register's allowed verdict, or the
     * finding that refuses the document; neither for a document that changes no CO (a NEW CO), or whose envelope
     * or payload findings already say what is missing.
     */
    public record CoStep(CoRegister.Verdict verdict, Optional<Finding> refusal) {

        static final CoStep NONE = new CoStep(null, Optional.empty());

        static CoStep refused(Finding finding) {
            return new CoStep(null, Optional.of(finding));
        }
    }

    /** Envelope/From must be the signing gateway's member, and the gateway one of that member's. */
    public SenderStep sender(String memberCode, long gatewayId, EnvelopeData envelope) {
        GatewayFacts gateway = registry.gateway(gatewayId).orElse(null);
        if (!envelope.from().equals(memberCode)) {
            return new SenderStep(gateway, Optional.of(Findings.error(Refusal.SENDER_MISMATCH, "Envelope/From", "is "
                    + envelope.from() + ", but the message is signed by a gateway of " + memberCode)));
        }
        if (gateway == null || !gateway.memberCode().equals(memberCode)) {
            return new SenderStep(gateway, Optional.of(Findings.error(Refusal.SENDER_MISMATCH, "Envelope/From",
                    "the signing gateway is not a gateway of " + memberCode)));
        }
        return new SenderStep(gateway, Optional.empty());
    }

    /** TooLarge above the hub's limit: such a payload is never parsed. */
    public Optional<Finding> size(byte[] payload) {
        if (payload.length > maxMessageBytes) {
            return Optional.of(Findings.error(Refusal.TOO_LARGE, "Payload/Content", "has " + payload.length
                    + " bytes, more than the hub's limit of " + maxMessageBytes + " bytes"));
        }
        return Optional.empty();
    }

    /** Version 1 of the contract carries XML documents only. */
    public static Optional<Finding> mediaType(String mediaType) {
        if (!XML.equals(mediaType)) {
            return Optional.of(Findings.error(Refusal.TYPE_NOT_ALLOWED, "Payload/MediaType", "version 1 carries "
                    + XML + " documents only, not " + mediaType));
        }
        return Optional.empty();
    }

    /** The envelope fields each type needs, then the payload against co-document-v1.xsd and against the envelope. */
    public static DocumentStep document(EnvelopeData envelope, byte[] payload) {
        List<Finding> findings = new ArrayList<>(DocumentRules.envelope(envelope));
        PayloadInspector.Inspection inspection = PayloadInspector.inspect(payload);
        findings.addAll(inspection.findings());
        if (inspection.wellFormed()) {
            findings.addAll(DocumentRules.payload(envelope, inspection.facts()));
        }
        return new DocumentStep(inspection.facts(), findings);
    }

    /** The recipient (UnknownRecipient), the agreement on {@code today} (NotParty), the permissions (TypeNotAllowed). */
    public RouteStep route(GatewayFacts senderGateway, EnvelopeData envelope, LocalDate today) {
        RoutingRules.Route route = RoutingRules.recipient(envelope.to(), registry.member(envelope.to()).orElse(null),
                envelope.documentType());
        if (route.refusal() != null) {
            return new RouteStep(null, List.of(route.refusal()));
        }
        Optional<Finding> party = RoutingRules.parties(envelope.agreement(),
                registry.agreement(envelope.agreement()).orElse(null), envelope.from(),
                envelope.to(), today);
        if (party.isPresent()) {
            return new RouteStep(route.gateway(), List.of(party.get()));
        }
        return new RouteStep(route.gateway(), RoutingRules.permissions(senderGateway, route.gateway(),
                envelope.documentType()));
    }

    /** The message the sender already sent with this SenderMessageId, if any (a plain read, no lock). */
    public Optional<ExchangeMessage> earlier(String senderMember, String senderMessageId) {
        return em.createNamedQuery(ExchangeMessage.BY_SENDER_MESSAGE_ID, ExchangeMessage.class)
                .setParameter("sender", senderMember).setParameter("id", senderMessageId)
                .getResultStream().findFirst();
    }

    /** Duplicate: the SenderMessageId was used before for other content. */
    public static Finding messageIdTaken(String senderMember, EnvelopeData envelope, ExchangeMessage earlier) {
        return Findings.error(Refusal.DUPLICATE, "Envelope/SenderMessageId", "'" + envelope.senderMessageId()
                + "' was already used by " + senderMember + " for " + earlier.trackingNumber()
                + " with other content; use a new SenderMessageId");
    }

    /** What validation says about a submission that repeats an accepted one (SubmitDocument would answer it). */
    public static Finding alreadyAccepted(ExchangeMessage earlier) {
        return Findings.info(Refusal.DUPLICATE, "Envelope/SenderMessageId", "this document was already accepted as "
                + earlier.trackingNumber() + "; SubmitDocument would return that receipt again");
    }

    /**
     * A second CO document of the same issuer, CO number and function, or a CO number that already exists; for
     * the other types, a second document with the same RequestNumber about the same CO.
     */
    public Optional<Finding> duplicate(EnvelopeData envelope, PayloadFacts facts) {
        String issuer = envelope.issuingMember();
        if (envelope.documentType() == DocumentType.CERTIFICATE_OF_ORIGIN) {
            Optional<ExchangeMessage> same = em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.issuerMember = "
                    + ":issuer AND m.coNumber = :number AND m.documentType = :type AND m.documentFunction = :function",
                    ExchangeMessage.class).setParameter("issuer", issuer).setParameter("number", envelope.coNumber())
                    .setParameter("type", DocumentType.CERTIFICATE_OF_ORIGIN)
                    .setParameter("function", envelope.function()).getResultStream().findFirst();
            if (same.isPresent()) {
                return Optional.of(Findings.error(Refusal.DUPLICATE, "Envelope/IssuerCoNumber", "a "
                        + envelope.function() + " document for CO " + issuer + "/" + envelope.coNumber()
                        + " was already accepted as " + same.get().trackingNumber()));
            }
            if (envelope.function() != DocumentFunction.CANCEL) {
                CoRecord existing = em.find(CoRecord.class, new CoKey(issuer, envelope.coNumber()));
                if (existing != null) {
                    return Optional.of(Findings.error(Refusal.DUPLICATE, "Envelope/IssuerCoNumber", "CO number "
                            + envelope.coNumber() + " of " + issuer + " already exists (issued by "
                            + existing.issuedBy() + "); a new or replacing CO needs a number of its own"));
                }
            }
            return Optional.empty();
        }
        if (facts == null || facts.requestNumber() == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.issuerMember = :issuer AND m.coNumber = "
                + ":number AND m.documentType = :type AND m.requestNumber = :request", ExchangeMessage.class)
                .setParameter("issuer", issuer).setParameter("number", envelope.coNumber())
                .setParameter("type", envelope.documentType()).setParameter("request", facts.requestNumber())
                .getResultStream().findFirst()
                .map(m -> Findings.error(Refusal.DUPLICATE, facts.root() + "/RequestNumber", "a "
                        + envelope.documentType() + " with RequestNumber " + facts.requestNumber() + " for CO "
                        + issuer + "/" + envelope.coNumber() + " was already accepted as " + m.trackingNumber()));
    }

    /** The envelope's References must name documents or COs the caller's member exchanged. */
    public ReferenceStep references(String caller, EnvelopeData envelope) {
        String issuer = envelope.issuingMember();
        Set<String> referredCos = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
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
                    findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, field + "/TrackingNumber", "no document "
                            + r.trackingNumber() + " was sent or received by " + caller));
                } else if (m.get().issuerMember().equals(issuer)) {
                    referredCos.add(m.get().coNumber());
                }
            } else {
                CoRecord co = em.find(CoRecord.class, new CoKey(issuer, r.issuerCoNumber()));
                if (co == null || !(caller.equals(co.issuerMember()) || caller.equals(co.importingMember()))) {
                    findings.add(Findings.error(Refusal.UNKNOWN_REFERENCE, field + "/IssuerCoNumber", "no CO "
                            + issuer + "/" + r.issuerCoNumber() + " was exchanged by " + caller + " through the hub"));
                } else {
                    referredCos.add(r.issuerCoNumber());
                }
            }
        }
        return new ReferenceStep(referredCos, findings);
    }

    /**
     * Every document but a NEW CO concerns a CO the hub carried between the same two members under the same
     * agreement, in a status that allows it; a REPLACE or CANCEL must name that CO among its References. The register
     * decides ({@link CoRegister#decide}); with {@code lock} (when storing) it locks the CO's row.
     */
    public CoStep concernedCo(EnvelopeData envelope, PayloadFacts facts, Set<String> referredCos, boolean lock) {
        DocumentType type = envelope.documentType();
        DocumentFunction function = envelope.function();
        if (type == DocumentType.CERTIFICATE_OF_ORIGIN && function == DocumentFunction.NEW
                || type == DocumentType.BUSINESS_RESPONSE && envelope.responseKind() == null
                || type == DocumentType.VERIFICATION_RESPONSE && envelope.verificationResult() == null) {
            return CoStep.NONE; // nothing to change, or an envelope finding already says what is missing
        }
        String issuer = envelope.issuingMember();
        String concerned = function == DocumentFunction.REPLACE ? facts.replacedCoNumber() : envelope.coNumber();
        if (concerned == null) {
            return CoStep.NONE; // the schema finding already names the missing ReplacedReferenceNumber
        }
        if (function != DocumentFunction.NEW && !referredCos.contains(concerned)) {
            return CoStep.refused(Findings.error(Refusal.UNKNOWN_REFERENCE, "Envelope/Reference", "a "
                    + (function == DocumentFunction.REPLACE ? "replacement" : "cancellation") + " must reference the "
                    + "CO it " + (function == DocumentFunction.REPLACE ? "replaces" : "cancels") + " (" + issuer + "/"
                    + concerned + ") by its IssuerCoNumber or the TrackingNumber of a document about it"));
        }
        String importer = type == DocumentType.BUSINESS_RESPONSE || type == DocumentType.VERIFICATION_REQUEST
                ? envelope.from() : envelope.to();
        Event event = DocumentEvents.of(type, function, envelope.responseKind(), envelope.verificationResult());
        CoRegister.Verdict verdict = CoRegister.decide(em, new CoRegister.Request(new CoKey(issuer, concerned),
                importer, envelope.agreement(), event, facts.requestNumber()), lock);
        if (verdict.allowed()) {
            return new CoStep(verdict, Optional.empty());
        }
        String field = function == DocumentFunction.REPLACE ? facts.root() + "/ReplacedReferenceNumber"
                : "Envelope/IssuerCoNumber";
        switch (verdict.objection()) {
            case UNKNOWN_CO:
                return CoStep.refused(Findings.error(Refusal.UNKNOWN_REFERENCE, field, verdict.reason()));
            case OTHER_AGREEMENT:
                return CoStep.refused(Findings.error(Refusal.UNKNOWN_REFERENCE, "Envelope/Agreement",
                        verdict.reason()));
            case NO_OPEN_REQUEST:
                return CoStep.refused(Findings.error(Refusal.UNKNOWN_REFERENCE, facts.root() + "/RequestNumber",
                        verdict.reason()));
            default:
                return CoStep.refused(Findings.error(Refusal.INVALID_REQUEST, field, verdict.reason()));
        }
    }

    /**
     * The latest earlier document about the same CO (for a REPLACE: the replaced one too) for the same recipient:
     * this one is held back until that one is acknowledged or has failed; null when there is none, and always for
     * a NEW CO. Read with a lock, which also sees rows committed after this transaction began and makes a concurrent
     * acknowledgement of the predecessor wait (or be seen), so the hold is never left open by mistake. Two documents
     * about one CO never race here: both locked the CO's register row first ({@link #concernedCo}), so the second one
     * finds the first. The connections run READ COMMITTED, so a read that finds nothing locks no gap a concurrent
     * insert would then deadlock on. The read has no {@code ORDER BY id DESC LIMIT 1}: with one, the optimizer may walk
     * the primary key down from the newest row, locking (and waiting on) other submissions' fresh rows on its way,
     * which deadlocked concurrent submissions; without, it reads the CO's few rows through its number's indexes, and
     * the latest is picked here.
     */
    public ExchangeMessage predecessor(EnvelopeData envelope, PayloadFacts facts) {
        if (envelope.documentType() == DocumentType.CERTIFICATE_OF_ORIGIN
                && envelope.function() == DocumentFunction.NEW) {
            // A NEW CO has no earlier document: its number is new (duplicate() checked the register, and the
            // register's primary key refuses a concurrent twin), so there is nothing to wait for and nothing to lock.
            return null;
        }
        List<String> numbers = new ArrayList<>();
        numbers.add(envelope.coNumber());
        if (envelope.function() == DocumentFunction.REPLACE && facts.replacedCoNumber() != null) {
            numbers.add(facts.replacedCoNumber());
        }
        return em.createNamedQuery(ExchangeMessage.LATEST_ABOUT_CO, ExchangeMessage.class)
                .setParameter("recipient", envelope.to()).setParameter("issuer", envelope.issuingMember())
                .setParameter("numbers", numbers).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                .max(Comparator.comparing(ExchangeMessage::id)).orElse(null);
    }
}
