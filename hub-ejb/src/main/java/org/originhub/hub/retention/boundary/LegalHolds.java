package org.originhub.hub.retention.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.retention.entity.LegalHold;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;

/**
 * Legal holds: the secretariat places a hold on a CO (every message about it) or on one exchange, with a reason, and
 * lifts it, with a reason; while one is in force the retention purge keeps the payloads it covers. Auditors and the
 * secretariat list them. Every placement, lifting and listing is recorded ({@code LEGAL_HOLD_PLACED},
 * {@code LEGAL_HOLD_LIFTED}, {@code LEGAL_HOLDS_QUERIED}), a refused one too.
 */
@Stateless
public class LegalHolds {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail audit;

    Clock clock = Clock.systemUTC();

    /**
     * A hold on the CO {@code issuerMember}/{@code coNumber}: every message about it (the CO, its replacement, its
     * cancellation, responses, verification), those still to come included.
     */
    public LegalHoldView placeOnCo(AuthenticatedUser caller, String issuerMember, String coNumber, String reason) {
        String object = "CO " + issuerMember + "/" + coNumber;
        String why = reason(caller, "LEGAL_HOLD_PLACED", object, reason);
        if (blank(issuerMember) || blank(coNumber)) {
            throw refused(caller, "LEGAL_HOLD_PLACED", object, new InvalidHoldException("A hold on a CO names its "
                    + "issuing member state and CO number"));
        }
        CoRecord co = em.find(CoRecord.class, new CoKey(issuerMember, coNumber));
        if (co == null) {
            throw refused(caller, "LEGAL_HOLD_PLACED", object, new UnknownHoldTargetException("The hub knows no CO "
                    + coNumber + " issued by " + issuerMember));
        }
        // Locks what the hold covers, so that a purge running now either finishes first or skips these
        List<ExchangeMessage> covered = em.createQuery("SELECT m FROM ExchangeMessage m WHERE m.issuerMember = :issuer "
                + "AND (m.coNumber = :co OR m.replacedCoNumber = :co)", ExchangeMessage.class)
                .setParameter("issuer", issuerMember).setParameter("co", coNumber)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        LegalHold hold = LegalHold.onCo(issuerMember, coNumber, why, caller.username(), now());
        return placed(caller, hold, covered, co.issuerMember(), co.importingMember(), null);
    }

    /** A hold on the one exchange {@code trackingNumber}. */
    public LegalHoldView placeOnExchange(AuthenticatedUser caller, String trackingNumber, String reason) {
        String object = "exchange " + trackingNumber;
        String why = reason(caller, "LEGAL_HOLD_PLACED", object, reason);
        Optional<ExchangeMessage> found = blank(trackingNumber) ? Optional.empty()
                : em.createNamedQuery(ExchangeMessage.BY_TRACKING, ExchangeMessage.class)
                        .setParameter("tracking", trackingNumber).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultStream().findFirst();
        if (found.isEmpty()) {
            throw refused(caller, "LEGAL_HOLD_PLACED", object, new UnknownHoldTargetException("The hub knows no "
                    + "exchange with tracking number " + trackingNumber));
        }
        ExchangeMessage m = found.get();
        LegalHold hold = LegalHold.onExchange(trackingNumber, why, caller.username(), now());
        return placed(caller, hold, List.of(m), m.senderMember(), m.recipientMember(), m.coNumber());
    }

    /** Lifts hold {@code id}; the payloads it kept are purged at the next run if no other hold covers them. */
    public LegalHoldView lift(AuthenticatedUser caller, long id, String reason) {
        String object = "hold " + id;
        String why = reason(caller, "LEGAL_HOLD_LIFTED", object, reason);
        LegalHold hold = em.find(LegalHold.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (hold == null) {
            throw refused(caller, "LEGAL_HOLD_LIFTED", object, new UnknownHoldTargetException("There is no legal "
                    + "hold " + id));
        }
        if (!hold.lift(why, caller.username(), now())) {
            throw refused(caller, "LEGAL_HOLD_LIFTED", object, new HoldAlreadyLiftedException("Legal hold " + id
                    + " was lifted on " + hold.liftedAt() + " by " + hold.liftedBy()));
        }
        audit.record(entry(caller, "LEGAL_HOLD_LIFTED", Outcome.SUCCESS, hold, "lifted hold on " + hold.object()
                + " placed " + hold.placedAt() + " by " + hold.placedBy() + "; reason: " + why));
        return LegalHoldView.of(hold, null, null);
    }

    /** The holds, newest first; only those in force unless {@code all}. Auditors and the secretariat; recorded. */
    public List<LegalHoldView> list(AuthenticatedUser caller, boolean all) {
        if (caller.role() != Role.SECRETARIAT_ADMIN && caller.role() != Role.AUDITOR) {
            audit.record(userEntry(caller, "LEGAL_HOLDS_QUERIED", Outcome.REJECTED, null, null, null, null, null,
                    "role=" + caller.role()));
            throw new AuditAccessRefusedException("Only auditors and the secretariat read the legal holds");
        }
        List<LegalHoldView> holds = em.createNamedQuery(all ? LegalHold.ALL : LegalHold.IN_FORCE, LegalHold.class)
                .getResultStream().map(h -> LegalHoldView.of(h, null, null)).toList();
        audit.record(userEntry(caller, "LEGAL_HOLDS_QUERIED", Outcome.SUCCESS, null, null, null, null, null,
                (all ? "all" : "in force") + " returned=" + holds.size()));
        return holds;
    }

    private LegalHoldView placed(AuthenticatedUser caller, LegalHold hold, List<ExchangeMessage> covered,
            String sender, String recipient, String coNumber) {
        em.persist(hold);
        em.flush(); // the id, for the record
        long purged = covered.stream().filter(m -> m.payloadPurgedAt() != null).count();
        audit.record(AuditEntry.byUser(caller.username(), caller.memberCode(), "LEGAL_HOLD_PLACED", Outcome.SUCCESS)
                .about("LegalHold", hold.id().toString()).withExchange(hold.trackingNumber(),
                        hold.coNumber() != null ? hold.coNumber() : coNumber, sender, recipient)
                .withDetail("hold on " + hold.object() + " messages=" + covered.size() + " alreadyPurged=" + purged
                        + "; reason: " + hold.reason()));
        return LegalHoldView.of(hold, (long) covered.size(), purged);
    }

    /** Only the secretariat places and lifts holds, always with a reason; returns the reason, stripped. */
    private String reason(AuthenticatedUser caller, String action, String object, String reason) {
        if (caller.role() != Role.SECRETARIAT_ADMIN) {
            audit.record(userEntry(caller, action, Outcome.REJECTED, null, null, null, null, null, object
                    + " role=" + caller.role()));
            throw new AuditAccessRefusedException("Only the secretariat's administrators place and lift legal holds");
        }
        if (blank(reason)) {
            throw refused(caller, action, object, new InvalidHoldException("A legal hold is placed and lifted with "
                    + "a reason"));
        }
        if (reason.strip().length() > LegalHold.REASON_MAX) {
            throw refused(caller, action, object, new InvalidHoldException("The reason has at most "
                    + LegalHold.REASON_MAX + " characters"));
        }
        return reason.strip();
    }

    private <E extends RuntimeException> E refused(AuthenticatedUser caller, String action, String object, E e) {
        // a refused lifting names the hold it asked for, like a successful one
        String holdId = object.startsWith("hold ") ? object.substring(5) : null;
        audit.record(userEntry(caller, action, Outcome.REJECTED, holdId, null, null, null, null, object + ": "
                + e.getMessage()));
        return e;
    }

    private static AuditEntry entry(AuthenticatedUser caller, String action, Outcome outcome, LegalHold hold,
            String detail) {
        return userEntry(caller, action, outcome, hold.id().toString(), hold.trackingNumber(), hold.coNumber(),
                null, null, detail);
    }

    private static AuditEntry userEntry(AuthenticatedUser caller, String action, Outcome outcome, String holdId,
            String trackingNumber, String coNumber, String sender, String recipient, String detail) {
        return AuditEntry.byUser(caller.username(), caller.memberCode(), action, outcome).about("LegalHold", holdId)
                .withExchange(trackingNumber, coNumber, sender, recipient).withDetail(detail);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
