package org.originhub.hub.lifecycle.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.originhub.hub.lifecycle.control.LifecycleRules.Decision;
import org.originhub.hub.lifecycle.control.LifecycleRules.Event;
import org.originhub.hub.lifecycle.entity.CoKey;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.lifecycle.entity.CoStatusChange;
import org.originhub.hub.lifecycle.entity.DocumentStatus;

/**
 * The life-cycle register as the exchange's intake uses it, in the intake's transaction: whether a document may change
 * the CO it concerns ({@link #decide}), and the change itself ({@link #issue}, {@link #change}), each status change
 * kept with the envelope that caused it.
 */
public final class CoRegister {

    /** Why the register refuses a document about an existing CO. */
    public enum Objection {
        /** The hub carried no such CO from its issuer to this importer. */
        UNKNOWN_CO,
        /** The CO was exchanged under another agreement. */
        OTHER_AGREEMENT,
        /** A verification response answers no open verification request of the CO. */
        NO_OPEN_REQUEST,
        /** The CO's status does not allow the event ({@link LifecycleRules}). */
        NOT_ALLOWED
    }

    /**
     * A document about an existing CO, in the register's words.
     *
     * @param co the CO the document concerns
     * @param importer the importing member the document names (its recipient, or its sender for a response)
     * @param agreement the agreement the document is sent under
     * @param event what the document does to the CO
     * @param requestNumber the document's RequestNumber (verification request and response), else null
     */
    public record Request(CoKey co, String importer, String agreement, Event event, String requestNumber) {
    }

    /**
     * The register's answer to a {@link Request}: the CO (locked when the answer is for storing) and the status it
     * moves to, or the objection and its reason.
     */
    public record Verdict(CoRecord co, Event event, DocumentStatus next, Objection objection, String reason) {

        public boolean allowed() {
            return objection == null;
        }

        static Verdict refused(Objection objection, String reason) {
            return new Verdict(null, null, null, objection, reason);
        }
    }

    private CoRegister() {
    }

    /**
     * Whether the register lets {@code request} change its CO. With {@code lock} the CO's row is read with a write
     * lock, which orders two documents about one CO: the second waits for the first and then sees its change.
     */
    public static Verdict decide(EntityManager em, Request request, boolean lock) {
        CoKey key = request.co();
        CoRecord co = lock ? em.find(CoRecord.class, key, LockModeType.PESSIMISTIC_WRITE)
                : em.find(CoRecord.class, key);
        if (co == null || !co.importingMember().equals(request.importer())) {
            return Verdict.refused(Objection.UNKNOWN_CO, "no CO " + key + " issued by " + key.issuerMember() + " to "
                    + request.importer() + " has passed through the hub");
        }
        if (!co.agreementCode().equals(request.agreement())) {
            return Verdict.refused(Objection.OTHER_AGREEMENT, "CO " + key + " was exchanged under agreement "
                    + co.agreementCode() + ", not " + request.agreement());
        }
        Event event = request.event();
        if ((event == Event.CONFIRM || event == Event.NOT_CONFIRM)
                && !Objects.equals(co.openRequestNumber(), request.requestNumber())) {
            return Verdict.refused(Objection.NO_OPEN_REQUEST, "there is no open verification request "
                    + request.requestNumber() + " about CO " + key + (co.openRequestNumber() == null ? ""
                            : " (the open one is " + co.openRequestNumber() + ")"));
        }
        Decision decision = LifecycleRules.decide(co.status(), co.everUtilised(), event, key.toString(),
                co.replacedBy());
        if (!decision.allowed()) {
            return Verdict.refused(Objection.NOT_ALLOWED, decision.reason());
        }
        return new Verdict(co, event, decision.next(), null, null);
    }

    /**
     * Enters a NEW CO, or the new CO of a replacement, ISSUED by the envelope {@code tracking}; {@code replaced} is
     * the allowed verdict on the CO it replaces, which becomes REPLACED (null for a NEW CO).
     *
     * @return the changes, the replaced CO's first
     */
    public static List<LifecycleChange> issue(EntityManager em, CoKey co, String agreement, String importer,
            Verdict replaced, String tracking, Instant now) {
        List<LifecycleChange> changes = new ArrayList<>();
        String replacedNumber = replaced == null ? null : replaced.co().coNumber();
        if (replaced != null) {
            CoRecord old = replaced.co();
            DocumentStatus previous = old.changeTo(replaced.next(), now, null);
            old.replacedBy(co.coNumber());
            em.persist(new CoStatusChange(old.key(), previous, replaced.next(), now, tracking));
            changes.add(new LifecycleChange(old.key(), previous, replaced.next(), previous + "->" + replaced.next()
                    + " replacedBy=" + co.coNumber()));
        }
        em.persist(new CoRecord(co, agreement, importer, tracking, replacedNumber, now));
        em.persist(new CoStatusChange(co, null, DocumentStatus.ISSUED, now, tracking));
        changes.add(new LifecycleChange(co, null, DocumentStatus.ISSUED, "->ISSUED agreement=" + agreement
                + " importer=" + importer + (replacedNumber == null ? "" : " replaces=" + replacedNumber)));
        return changes;
    }

    /**
     * Applies an allowed verdict on an existing CO for the envelope {@code tracking}.
     *
     * @param requestNumber the document's RequestNumber: a verification request opens it, a response names it
     */
    public static LifecycleChange change(EntityManager em, Verdict verdict, String requestNumber, String tracking,
            Instant now) {
        CoRecord co = verdict.co();
        DocumentStatus previous = co.changeTo(verdict.next(), now, requestNumber);
        em.persist(new CoStatusChange(co.key(), previous, verdict.next(), now, tracking));
        return new LifecycleChange(co.key(), previous, verdict.next(), previous + "->" + verdict.next()
                + (verdict.event().concernsVerification() ? " request=" + requestNumber : ""));
    }
}
