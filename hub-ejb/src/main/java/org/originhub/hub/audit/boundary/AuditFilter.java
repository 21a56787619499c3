package org.originhub.hub.audit.boundary;

import java.time.Instant;
import org.originhub.hub.audit.control.AuditQueryPlanner;
import org.originhub.hub.audit.entity.Outcome;

/**
 * What an auditor asks for; every criterion is optional and they all apply together. {@code member} matches the actor's
 * member state, the sender or the recipient; {@code counterpart} (only with {@code member}) is a second member state
 * the record concerns in the same way: member and counterpart together are the records between the two. {@code from}
 * is inclusive, {@code to} exclusive.
 */
public record AuditFilter(Instant from, Instant to, String member, String counterpart, String action,
        Outcome outcome, String actor, String trackingNumber, String coNumber) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null, null, null, null);
    }

    /** True when nothing is filtered: the whole chain. */
    public boolean isNone() {
        return equals(none());
    }

    AuditFilter withParties(String memberCode, String counterpartCode) {
        return new AuditFilter(from, to, memberCode, counterpartCode, action, outcome, actor, trackingNumber, coNumber);
    }

    /** The criteria the query planner reads. */
    AuditQueryPlanner.Criteria criteria() {
        return new AuditQueryPlanner.Criteria(from, to, member, counterpart, action,
                outcome == null ? null : outcome.name(), actor, trackingNumber, coNumber);
    }

    /** The filter as recorded in the audit log's own detail, e.g. {@code member=KE action=LOGIN}. */
    String describe() {
        StringBuilder out = new StringBuilder();
        append(out, "from", from);
        append(out, "to", to);
        append(out, "member", member);
        append(out, "counterpart", counterpart);
        append(out, "action", action);
        append(out, "outcome", outcome);
        append(out, "actor", actor);
        append(out, "trackingNumber", trackingNumber);
        append(out, "coNumber", coNumber);
        return out.length() == 0 ? "all" : out.toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value != null) {
            out.append(out.length() == 0 ? "" : " ").append(name).append('=').append(value);
        }
    }
}
