package org.originhub.hub.messagelog.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.boundary.AuditRecordView;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.audit.control.AuditExportFormat;
import org.originhub.hub.audit.control.MemberScope;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.exchange.boundary.AttemptView;
import org.originhub.hub.exchange.boundary.CoStatusView;
import org.originhub.hub.exchange.boundary.Views;
import org.originhub.hub.exchange.entity.DeliveryAttempt;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.lifecycle.entity.CoStatusChange;
import org.originhub.hub.messagelog.control.MessageExport;
import org.originhub.hub.messagelog.control.MessageQueryPlanner;
import org.originhub.hub.messagelog.control.MessageQueryPlanner.Cursor;
import org.originhub.hub.retention.entity.HoldScope;
import org.originhub.hub.retention.entity.LegalHold;
import org.originhub.hub.users.boundary.AuthenticatedUser;

/**
 * The auditors' message log: the envelopes the hub accepted (never refused submissions: those are in the audit log),
 * searched with filters and keyset pagination, each with its delivery history, acknowledgement, CO life cycle and
 * audit records; exports; the CO life cycle; and payload downloads.
 *
 * <p>Who sees what. {@code AUDITOR} and {@code SECRETARIAT_ADMIN} see every exchange. A {@code MEMBER_AUDITOR} sees
 * only exchanges its member state sent or received (its {@code member} filter is forced to its code; asking for
 * another member state is refused), and a tracking number or CO it may not see is answered exactly like an unknown
 * one. Payloads are downloaded by the same roles under the same scope; {@code OPERATOR} reads none of this. Every
 * query, view, export and download is recorded ({@code MESSAGE_LOG_QUERIED}, {@code MESSAGE_VIEWED},
 * {@code CO_VIEWED}, {@code MESSAGE_LOG_EXPORTED}, {@code PAYLOAD_DOWNLOADED}), a refused one too; records about one
 * exchange name its tracking number, CO number and parties, so the parties' own auditors see who looked at it.
 */
@Stateless
public class MessageLog {

    public static final int MAX_LIMIT = 500;
    /** Audit records shown per exchange at most (an exchange has a handful; the rest are in the audit log). */
    public static final int MAX_AUDIT_RECORDS = 500;
    /** Envelopes read per round trip when exporting; the persistence context is cleared between pages. */
    static final int PAGE = 1_000;
    private static final String RECEIVED = "DOCUMENT_RECEIVED";

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail trail;

    /**
     * The filter {@code caller} may run: unchanged for auditors and the secretariat; for a member auditor with its
     * own member state as {@code member} (a filter that names it only as the counterpart is turned round). A role
     * that reads nothing is refused and recorded first; then a counterpart without a member is a bad query for every
     * reader; a member auditor asking for other member states is refused and recorded. See {@link MemberScope}.
     */
    public MessageFilter authorize(AuthenticatedUser caller, MessageFilter filter, String action) {
        MessageFilter asked = filter == null ? MessageFilter.none() : filter;
        MemberScope.Reach reach = MemberScope.Reach.of(caller.role());
        if (reach == MemberScope.Reach.NOTHING) {
            record(caller, action, Outcome.REJECTED, null, asked.describe());
            throw new AuditAccessRefusedException("Your role may not read the message log");
        }
        // Unlike the audit log, a counterpart needs a member here for a member auditor too: the member is not implied.
        if (asked.counterpart() != null && asked.member() == null) {
            throw new InvalidAuditQueryException("counterpart needs member: the exchanges between member and "
                    + "counterpart");
        }
        if (reach == MemberScope.Reach.EVERY_MEMBER_STATE) {
            return asked;
        }
        // Sender and recipient narrow the member auditor's own exchanges further (sender=UG: what Uganda sent to
        // it), and a pair of two other member states is refused like another member.
        String own = caller.memberCode();
        boolean othersOnly = asked.sender() != null && asked.recipient() != null
                && !own.equals(asked.sender()) && !own.equals(asked.recipient());
        Optional<MemberScope.Parties> parties = othersOnly ? Optional.empty()
                : MemberScope.narrow(own, asked.member(), asked.counterpart());
        if (parties.isPresent()) {
            return asked.withParties(parties.get().member(), parties.get().counterpart());
        }
        record(caller, action, Outcome.REJECTED, null, asked.describe());
        throw new AuditAccessRefusedException("A member auditor reads the exchanges of its own member state ("
                + own + ") only");
    }

    /**
     * One page, newest or oldest first (by time received), after the cursor {@code after} of the previous page. The
     * page's {@code before} cursor, passed as {@code after} in the other order, reads the rows before it (backwards).
     */
    public MessagePage search(AuthenticatedUser caller, MessageFilter filter, String after, int limit,
            boolean newestFirst) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidAuditQueryException("limit must be between 1 and " + MAX_LIMIT);
        }
        Cursor cursor = cursor(after);
        MessageFilter effective = authorize(caller, filter, "MESSAGE_LOG_QUERIED");
        List<ExchangeMessage> found = planner().page(effective.criteria(), cursor, newestFirst, limit + 1);
        List<MessageSummary> messages = found.stream().limit(limit).map(MessageSummary::of).toList();
        String next = found.size() > limit ? Cursor.of(found.get(limit - 1)).toString() : null;
        String before = found.isEmpty() ? null : Cursor.of(found.get(0)).toString();
        record(caller, "MESSAGE_LOG_QUERIED", Outcome.SUCCESS, null, effective.describe() + " after=" + after
                + " limit=" + limit + " order=" + (newestFirst ? "newest" : "oldest") + " returned="
                + messages.size());
        return new MessagePage(messages, next, before);
    }

    /**
     * How many envelopes match, counted up to {@code atMost}: the exact number when it is {@code atMost} or fewer,
     * else {@code atMost + 1} ("more than atMost"). Under the same access rule as {@link #search} (whose call,
     * recorded, accompanies this one, so the count itself is not recorded again). Read from the same indexes as a
     * page and stopped after {@code atMost + 1} entries, so it costs at most that many index entries however large
     * the log.
     */
    public long count(AuthenticatedUser caller, MessageFilter filter, long atMost) {
        if (atMost < 0 || atMost >= Integer.MAX_VALUE) {
            throw new InvalidAuditQueryException("a count is bounded by 0.." + (Integer.MAX_VALUE - 1));
        }
        MessageFilter effective = authorize(caller, filter, "MESSAGE_LOG_QUERIED");
        return Math.min(atMost + 1, planner().count(effective.criteria(), (int) atMost + 1));
    }

    /** Everything about one exchange (see {@link MessageDetail}). */
    public MessageDetail detail(AuthenticatedUser caller, String trackingNumber) {
        ExchangeMessage m = visible(caller, trackingNumber, "MESSAGE_VIEWED");
        List<AttemptView> attempts = em.createNamedQuery(DeliveryAttempt.OF_MESSAGE, DeliveryAttempt.class)
                .setParameter("message", m.id()).getResultStream().map(a -> new AttemptView(a.number(),
                        a.attemptedAt(), a.kind().name(), a.outcome().name(), a.detail())).toList();
        List<CoStatusView> lifecycle = new ArrayList<>();
        co(m.issuerMember(), m.coNumber()).ifPresent(lifecycle::add);
        if (m.replacedCoNumber() != null) {
            co(m.issuerMember(), m.replacedCoNumber()).ifPresent(lifecycle::add);
        }
        List<AuditRecord> records = em.createQuery("SELECT r FROM AuditRecord r WHERE r.trackingNumber = :tracking "
                + "ORDER BY r.seq", AuditRecord.class).setParameter("tracking", trackingNumber)
                .setMaxResults(MAX_AUDIT_RECORDS).getResultList();
        Optional<AuditRecord> received = records.stream().filter(r -> RECEIVED.equals(r.entry().action()))
                .findFirst();
        String own = caller.role().isScopedToMember() ? caller.memberCode() : null;
        List<AuditRecordView> visibleRecords = records.stream().filter(r -> own == null || MemberScope.concerns(own,
                r.entry().actorMember(), r.entry().senderMember(), r.entry().recipientMember()))
                .map(AuditRecordView::of).toList();
        record(caller, "MESSAGE_VIEWED", Outcome.SUCCESS, m, "status=" + m.delivery().status());
        return new MessageDetail(MessageSummary.of(m), m.references().stream()
                .map(r -> new Reference(r.trackingNumber(), r.coNumber())).toList(), m.delivery().ackText(),
                m.delivery().dependsOn(),
                attempts, lifecycle, held(m), received.map(AuditRecord::seq).orElse(null),
                received.map(AuditRecord::hash).orElse(null), visibleRecords);
    }

    /**
     * The payload of one exchange, byte for byte as received.
     *
     * @throws PayloadPurgedException when the retention policy purged it (recorded as a refused download)
     */
    public PayloadDownload payload(AuthenticatedUser caller, String trackingNumber) {
        ExchangeMessage m = visible(caller, trackingNumber, "PAYLOAD_DOWNLOADED");
        MessagePayload payload = m.payloadPurgedAt() == null ? em.find(MessagePayload.class, m.id()) : null;
        if (payload == null) {
            String why = m.payloadPurgedAt() == null
                    ? "the payload of " + trackingNumber + " is not stored; its SHA-256 was " + m.payloadSha256()
                    : Views.purged(m);
            record(caller, "PAYLOAD_DOWNLOADED", Outcome.REJECTED, m, why);
            throw new PayloadPurgedException(Character.toUpperCase(why.charAt(0)) + why.substring(1));
        }
        record(caller, "PAYLOAD_DOWNLOADED", Outcome.SUCCESS, m, "sha256=" + m.payloadSha256() + " size="
                + m.payloadSize());
        return new PayloadDownload(trackingNumber, m.mediaType(), m.payloadSha256(), payload.content());
    }

    /** A CO's life cycle and the messages about it, for auditors and the CO's issuer's and importer's auditors. */
    public CoLifecycleView co(AuthenticatedUser caller, String issuerMember, String coNumber) {
        String object = issuerMember + "/" + coNumber;
        CoRecord co = issuerMember == null || coNumber == null ? null
                : em.find(CoRecord.class, new CoKey(issuerMember, coNumber));
        String own = caller.memberCode();
        boolean allowed = switch (MemberScope.Reach.of(caller.role())) {
            case EVERY_MEMBER_STATE -> true;
            case OWN_MEMBER_STATE -> co == null || MemberScope.concerns(own, co.issuerMember(), co.importingMember());
            case NOTHING -> false;
        };
        if (!allowed && !caller.role().isScopedToMember()) {
            record(caller, "CO_VIEWED", Outcome.REJECTED, null, "co=" + object);
            throw new AuditAccessRefusedException("Your role may not read the message log");
        }
        if (co == null || !allowed) {
            record(caller, "CO_VIEWED", Outcome.REJECTED, null, "co=" + object + ": unknown or not visible");
            throw new UnknownMessageException("The hub knows no CO " + coNumber + " issued by " + issuerMember
                    + (caller.role().isScopedToMember() ? " that " + own + " issued or imports" : ""));
        }
        List<MessageSummary> messages = em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.issuerMember = "
                + ":issuer AND (m.coNumber = :co OR m.replacedCoNumber = :co) ORDER BY m.receivedAt, m.id",
                ExchangeMessage.class).setParameter("issuer", issuerMember).setParameter("co", coNumber)
                .getResultStream().map(MessageSummary::of).toList();
        boolean held = !em.createQuery("SELECT h.id FROM LegalHold h WHERE h.liftedAt IS NULL AND h.scope = :scope "
                + "AND h.issuerMember = :issuer AND h.coNumber = :co", Long.class).setParameter("scope", HoldScope.CO)
                .setParameter("issuer", issuerMember).setParameter("co", coNumber).setMaxResults(1).getResultList()
                .isEmpty();
        trail.record(AuditEntry.byUser(caller.username(), own, "CO_VIEWED", Outcome.SUCCESS)
                .about("CertificateOfOrigin", object)
                .withExchange(null, coNumber, co.issuerMember(), co.importingMember())
                .withDetail("status=" + co.status() + " messages=" + messages.size()));
        return new CoLifecycleView(co(issuerMember, coNumber).orElseThrow(), held, messages);
    }

    /**
     * Writes every matching envelope, oldest first, in {@code format}, a page at a time. Recorded once the last line
     * is written (so the export holds no lock on the audit chain meanwhile); an export that fails midway rolls back
     * and is not recorded.
     */
    public long export(AuthenticatedUser caller, MessageFilter filter, AuditExportFormat format, Writer out) {
        MessageFilter effective = authorize(caller, filter, "MESSAGE_LOG_EXPORTED");
        long written = 0;
        try {
            out.write(MessageExport.header(format));
            Cursor after = null;
            List<ExchangeMessage> page;
            do {
                page = planner().page(effective.criteria(), after, false, PAGE);
                Map<String, AuditRecord> receipts = receivedRecords(page);
                for (ExchangeMessage m : page) {
                    AuditRecord r = receipts.get(m.trackingNumber().value());
                    out.write(MessageExport.line(format, m.trackingNumber().value(), m.receivedAt(), m.senderMember(),
                            m.recipientMember(), m.agreementCode(), m.documentType(), m.documentFunction(),
                            m.issuerMember(), m.coNumber(), m.replacedCoNumber(), m.senderMessageId(),
                            m.responseKind(), m.verificationResult(), m.mediaType(), m.payloadSha256(),
                            m.payloadSize(), m.payloadPurgedAt(), m.delivery().status(), m.deliveryMode(),
                            m.delivery().attempts(), m.delivery().lastAttemptAt(), m.delivery().ackKind(),
                            m.delivery().acknowledgedAt(), m.delivery().failedAt(),
                            r == null ? null : r.seq(), r == null ? null : r.hash()));
                    after = Cursor.of(m);
                }
                written += page.size();
                em.clear();
            } while (page.size() == PAGE);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written", e);
        }
        record(caller, "MESSAGE_LOG_EXPORTED", Outcome.SUCCESS, null, effective.describe() + " format="
                + format.extension() + " messages=" + written);
        return written;
    }

    // ---------------------------------------------------------------- reading

    /** The message, if it exists and the caller may see it; otherwise recorded and answered as unknown. */
    private ExchangeMessage visible(AuthenticatedUser caller, String trackingNumber, String action) {
        if (MemberScope.Reach.of(caller.role()) == MemberScope.Reach.NOTHING) {
            trail.record(AuditEntry.byUser(caller.username(), caller.memberCode(), action, Outcome.REJECTED)
                    .aboutMessage(trackingNumber, null, null, null).withDetail("role=" + caller.role()));
            throw new AuditAccessRefusedException("Your role may not read the message log");
        }
        Optional<ExchangeMessage> found = trackingNumber == null ? Optional.empty()
                : em.createNamedQuery(ExchangeMessage.BY_TRACKING, ExchangeMessage.class)
                        .setParameter("tracking", trackingNumber).getResultStream().findFirst();
        String own = caller.role().isScopedToMember() ? caller.memberCode() : null;
        if (found.isEmpty() || own != null && !MemberScope.concerns(own, found.get().senderMember(),
                found.get().recipientMember())) {
            // the same record and answer whether it does not exist or is another member state's
            trail.record(AuditEntry.byUser(caller.username(), caller.memberCode(), action, Outcome.REJECTED)
                    .aboutMessage(trackingNumber, null, null, null).withDetail("unknown or not visible"));
            throw new UnknownMessageException("The hub knows no exchange with tracking number " + trackingNumber
                    + (own == null ? "" : " sent or received by " + own));
        }
        return found.get();
    }

    private Optional<CoStatusView> co(String issuer, String number) {
        CoRecord co = em.find(CoRecord.class, new CoKey(issuer, number));
        return Optional.ofNullable(co).map(c -> Views.coStatus(c, em.createNamedQuery(CoStatusChange.OF_CO,
                CoStatusChange.class).setParameter("issuer", issuer).setParameter("number", number)
                .getResultList()));
    }

    private boolean held(ExchangeMessage m) {
        return !em.createNamedQuery(LegalHold.IN_FORCE_FOR_MESSAGE, LegalHold.class)
                .setParameter("tracking", m.trackingNumber().value()).setParameter("issuer", m.issuerMember())
                .setParameter("co", m.coNumber())
                .setParameter("replaced", m.replacedCoNumber() == null ? m.coNumber() : m.replacedCoNumber())
                .setMaxResults(1).getResultList().isEmpty();
    }

    private Map<String, AuditRecord> receivedRecords(List<ExchangeMessage> page) {
        if (page.isEmpty()) {
            return Map.of();
        }
        List<String> numbers = page.stream().map(m -> m.trackingNumber().value()).toList();
        return em.createQuery("SELECT r FROM AuditRecord r WHERE r.trackingNumber IN :numbers AND r.action = "
                + ":action", AuditRecord.class).setParameter("numbers", numbers).setParameter("action", RECEIVED)
                .getResultStream().collect(Collectors.toMap(r -> r.entry().trackingNumber(), Function.identity(),
                        (a, b) -> a.seq() < b.seq() ? a : b));
    }

    private void record(AuthenticatedUser caller, String action, Outcome outcome, ExchangeMessage m, String detail) {
        AuditEntry by = AuditEntry.byUser(caller.username(), caller.memberCode(), action, outcome);
        trail.record((m == null ? by.about("MessageLog", null) : by.aboutMessage(m.trackingNumber().value(),
                m.coNumber(), m.senderMember(), m.recipientMember())).withDetail(detail));
    }

    private MessageQueryPlanner planner() {
        return new MessageQueryPlanner(em);
    }

    private static Cursor cursor(String after) {
        try {
            return Cursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditQueryException("after must be the next value of the previous page");
        }
    }
}
