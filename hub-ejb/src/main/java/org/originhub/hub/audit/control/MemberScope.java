package org.originhub.hub.audit.control;

import java.util.Objects;
import java.util.Optional;
import org.originhub.hub.users.entity.Role;

/**
 * Who reads which member states' records, for the audit log and the message log alike. Auditors and the secretariat
 * read every member state's; a member auditor only those concerning its own member state; every other role none.
 * A member auditor's query always has its own member state as the member: a query naming no member is narrowed to it,
 * and one naming it only as the counterpart is turned round (the records between the two are the same); a query for
 * any other member state is refused.
 *
 * <p>What each log adds to the rule. A counterpart named without a member: the audit log reads it, for a member
 * auditor, as the records between its own member state and that counterpart (the member is implied), while the
 * message log answers it as a bad query for every reader, a member auditor included; for auditors and the secretariat
 * both logs answer it as a bad query. The message log also refuses a member auditor's query whose sender and
 * recipient are both other member states. Both logs check the role before anything else, so a caller whose role
 * reads nothing is refused, and the refusal recorded, whatever its query.
 */
public final class MemberScope {

    /** How far a role reads. */
    public enum Reach {
        /** Every member state's records. */
        EVERY_MEMBER_STATE,
        /** Only the records concerning the caller's own member state. */
        OWN_MEMBER_STATE,
        /** Nothing: the read is refused (and recorded). */
        NOTHING;

        public static Reach of(Role role) {
            return switch (role) {
                case AUDITOR, SECRETARIAT_ADMIN -> EVERY_MEMBER_STATE;
                case MEMBER_AUDITOR -> OWN_MEMBER_STATE;
                default -> NOTHING;
            };
        }
    }

    /** The member state a query reads and, optionally, the second member state the records concern. */
    public record Parties(String member, String counterpart) {
    }

    private MemberScope() {
    }

    /**
     * The parties a member auditor of {@code own} reads when it asks for {@code member} and {@code counterpart}:
     * its own member state as the member, with the other one named (if any) as the counterpart; empty when the
     * query names another member state and not its own.
     */
    public static Optional<Parties> narrow(String own, String member, String counterpart) {
        Objects.requireNonNull(own, "a member auditor has a member state");
        if (member == null || member.equals(own)) {
            return Optional.of(new Parties(own, counterpart));
        }
        if (own.equals(counterpart)) {
            return Optional.of(new Parties(own, member));
        }
        return Optional.empty();
    }

    /** True when one of {@code parties} (actor member, sender, recipient, issuer, importer...) is {@code own}. */
    public static boolean concerns(String own, String... parties) {
        for (String party : parties) {
            if (own.equals(party)) {
                return true;
            }
        }
        return false;
    }
}
