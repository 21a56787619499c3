package org.originhub.hub.lifecycle.control;

import static org.originhub.hub.lifecycle.entity.DocumentStatus.ACCEPTED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.CONFIRMED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.ISSUED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.NOT_CONFIRMED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.REJECTED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.UTILISED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.VERIFICATION_REQUESTED;

import java.util.EnumSet;
import java.util.Set;
import org.originhub.hub.lifecycle.entity.DocumentStatus;

/**
 * The CO life cycle: which document may change a CO's status, from which status, to which. A NEW CO (and the new CO
 * of a REPLACE) starts ISSUED; every other document is an {@link Event} on an existing CO:
 *
 * <table>
 * <caption>allowed transitions (anything else is refused)</caption>
 * <tr><th>document</th><th>sent by</th><th>allowed from</th><th>to</th></tr>
 * <tr><td>CO REPLACE</td><td>issuer</td><td>ISSUED, ACCEPTED, REJECTED, NOT_CONFIRMED</td><td>REPLACED (the new CO
 *     ISSUED)</td></tr>
 * <tr><td>CO CANCEL</td><td>issuer</td><td>any status but REPLACED, CANCELLED, EXPIRED</td><td>CANCELLED</td></tr>
 * <tr><td>BUSINESS_RESPONSE ACCEPTED</td><td>importer</td><td>ISSUED, CONFIRMED (never utilised)</td>
 *     <td>ACCEPTED</td></tr>
 * <tr><td>BUSINESS_RESPONSE REJECTED</td><td>importer</td><td>ISSUED, ACCEPTED, NOT_CONFIRMED</td>
 *     <td>REJECTED</td></tr>
 * <tr><td>BUSINESS_RESPONSE UTILISED</td><td>importer</td><td>ISSUED, ACCEPTED, CONFIRMED, once in a CO's life</td>
 *     <td>UTILISED</td></tr>
 * <tr><td>VERIFICATION_REQUEST</td><td>importer</td><td>ISSUED, ACCEPTED, UTILISED</td>
 *     <td>VERIFICATION_REQUESTED</td></tr>
 * <tr><td>VERIFICATION_RESPONSE</td><td>issuer</td><td>VERIFICATION_REQUESTED</td>
 *     <td>CONFIRMED / NOT_CONFIRMED</td></tr>
 * </table>
 *
 * <p>Why these and not more: REPLACED, CANCELLED and EXPIRED are final, a document about such a CO is refused (a
 * replaced CO lives on in its replacement, which is what the parties must refer to). A CO used to clear goods
 * (UTILISED) can no longer be replaced, and cannot be utilised a second time, even after a later verification
 * confirmed it; the issuer may still cancel it (retroactive withdrawal after a failed verification) and the importer
 * may still ask for verification (the retroactive check is made for utilised COs). While a verification is open the
 * CO is frozen for everything except the answer and a cancellation. A CO is confirmed or not only in answer to an open
 * request. Rejection after a failed verification is allowed so that the importer can recover the duty.
 */
public final class LifecycleRules {

    /**
     * What a document (other than a NEW CO) does to the CO it concerns; the exchange says which document is which
     * event.
     */
    public enum Event {
        REPLACE(DocumentStatus.REPLACED, EnumSet.of(ISSUED, ACCEPTED, REJECTED, NOT_CONFIRMED)),
        CANCEL(DocumentStatus.CANCELLED, EnumSet.of(ISSUED, ACCEPTED, REJECTED, UTILISED, VERIFICATION_REQUESTED,
                CONFIRMED, NOT_CONFIRMED)),
        ACCEPT(ACCEPTED, EnumSet.of(ISSUED, CONFIRMED)),
        REJECT(REJECTED, EnumSet.of(ISSUED, ACCEPTED, NOT_CONFIRMED)),
        UTILISE(UTILISED, EnumSet.of(ISSUED, ACCEPTED, CONFIRMED)),
        REQUEST_VERIFICATION(VERIFICATION_REQUESTED, EnumSet.of(ISSUED, ACCEPTED, UTILISED)),
        CONFIRM(CONFIRMED, EnumSet.of(VERIFICATION_REQUESTED)),
        NOT_CONFIRM(NOT_CONFIRMED, EnumSet.of(VERIFICATION_REQUESTED));

        private final DocumentStatus target;
        private final Set<DocumentStatus> from;

        Event(DocumentStatus target, Set<DocumentStatus> from) {
            this.target = target;
            this.from = from;
        }

        public DocumentStatus target() {
            return target;
        }

        /** The statuses this event is allowed from (before the utilisation rule). */
        public Set<DocumentStatus> allowedFrom() {
            return EnumSet.copyOf(from);
        }

        /** Whether the event opens or answers a verification request (its RequestNumber goes with the change). */
        public boolean concernsVerification() {
            return this == REQUEST_VERIFICATION || this == CONFIRM || this == NOT_CONFIRM;
        }
    }

    /** The answer for one event: the status it leads to, or why it is refused. */
    public record Decision(boolean allowed, DocumentStatus next, String reason) {

        static Decision to(DocumentStatus next) {
            return new Decision(true, next, null);
        }

        static Decision refused(String reason) {
            return new Decision(false, null, reason);
        }
    }

    private LifecycleRules() {
    }

    /**
     * Whether {@code event} may happen to a CO in {@code current} status.
     *
     * @param everUtilised whether the CO was ever UTILISED (it can be utilised once only)
     * @param co how the reason names the CO, e.g. "KE/KE-2026-1"
     * @param replacedBy the number of the CO that replaced it, if it is REPLACED
     */
    public static Decision decide(DocumentStatus current, boolean everUtilised, Event event, String co,
            String replacedBy) {
        switch (current) {
            case REPLACED:
                return Decision.refused("CO " + co + " was replaced" + (replacedBy == null ? "" : " by " + replacedBy)
                        + ": documents must now concern the replacing CO");
            case CANCELLED:
                return Decision.refused("CO " + co + " was cancelled by its issuer: no document can change it any more");
            case EXPIRED:
                return Decision.refused("CO " + co + " has expired: no document can change it any more");
            default:
                break;
        }
        if (event == Event.UTILISE && everUtilised) {
            return Decision.refused("CO " + co + " was already utilised: a CO can be utilised only once");
        }
        if (event == Event.ACCEPT && everUtilised) {
            return Decision.refused("CO " + co + " was already utilised: accepting it now changes nothing");
        }
        if (!event.from.contains(current)) {
            return Decision.refused("CO " + co + " is " + current + ": " + describe(event) + " is accepted only when it"
                    + " is " + join(event.from));
        }
        return Decision.to(event.target);
    }

    private static String describe(Event event) {
        switch (event) {
            case REPLACE:
                return "a replacement";
            case CANCEL:
                return "a cancellation";
            case ACCEPT:
                return "a business response ACCEPTED";
            case REJECT:
                return "a business response REJECTED";
            case UTILISE:
                return "a business response UTILISED";
            case REQUEST_VERIFICATION:
                return "a verification request";
            default:
                return "a verification response";
        }
    }

    private static String join(Set<DocumentStatus> statuses) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (DocumentStatus s : statuses) {
            if (i > 0) {
                text.append(i == statuses.size() - 1 ? " or " : ", ");
            }
            text.append(s);
            i++;
        }
        return text.toString();
    }
}
