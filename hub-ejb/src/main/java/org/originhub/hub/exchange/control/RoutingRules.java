package org.originhub.hub.exchange.control;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.registry.cache.entity.AgreementFacts;
import org.originhub.registry.cache.entity.GatewayFacts;
import org.originhub.registry.cache.entity.MemberFacts;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * Who may send what to whom, decided on registry facts the caller looked up: the recipient (UnknownRecipient), the
 * agreement (NotParty) and the gateways' document permissions (TypeNotAllowed).
 */
public final class RoutingRules {

    private RoutingRules() {
    }

    /** The recipient's gateway the document goes to, or why there is none. */
    public record Route(GatewayFacts gateway, Finding refusal) {
    }

    /**
     * The recipient member must be registered and ACTIVE with at least one ACTIVE gateway. Of several active
     * gateways the document goes to the first (by id) that may receive its type, or else the first one (which then
     * fails the permission check with a clear reason).
     */
    public static Route recipient(String to, MemberFacts member, DocumentType type) {
        if (member == null) {
            return refused("no member state " + to + " is registered with the hub");
        }
        if (!member.isActive()) {
            return refused("member state " + to + " is " + member.status() + " and receives no documents");
        }
        List<GatewayFacts> active = member.gateways().stream().filter(GatewayFacts::isActive)
                .sorted(Comparator.comparing(GatewayFacts::id, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        if (active.isEmpty()) {
            return refused("member state " + to + " has no active gateway to receive documents");
        }
        GatewayFacts chosen = active.stream().filter(g -> g.mayReceive(type)).findFirst()
                .orElse(active.get(0));
        return new Route(chosen, null);
    }

    private static Route refused(String message) {
        return new Route(null, Findings.error(Refusal.UNKNOWN_RECIPIENT, "Envelope/To", message));
    }

    /** Sender and recipient are both parties to an agreement that is in force today. */
    public static Optional<Finding> parties(String code, AgreementFacts agreement, String from, String to,
            LocalDate today) {
        if (agreement == null) {
            return notParty("no agreement " + code + " is registered with the hub");
        }
        if (!agreement.isInForceOn(today)) {
            return notParty("agreement " + code + " is in force from " + agreement.inForceFrom()
                    + (agreement.inForceUntil() == null ? "" : " until " + agreement.inForceUntil()) + ", not on "
                    + today);
        }
        for (String member : new String[] {from, to}) {
            if (!agreement.hasParty(member)) {
                return notParty(member + " is not a party to agreement " + code + " (parties: "
                        + String.join(", ", agreement.parties()) + ")");
            }
        }
        if (from.equals(to)) {
            return notParty("a member state cannot send a document to itself");
        }
        return Optional.empty();
    }

    private static Optional<Finding> notParty(String message) {
        return Optional.of(Findings.error(Refusal.NOT_PARTY, "Envelope/Agreement", message));
    }

    /** The sending gateway needs SEND:type, the recipient's gateway RECEIVE:type. */
    public static List<Finding> permissions(GatewayFacts sender, GatewayFacts recipient, DocumentType type) {
        List<Finding> findings = new ArrayList<>();
        if (sender == null || !sender.maySend(type)) {
            findings.add(Findings.error(Refusal.TYPE_NOT_ALLOWED, "Envelope/DocumentType", "gateway "
                    + (sender == null ? "?" : sender.toString()) + " may not send " + type + " (it lacks the "
                    + "permission SEND:" + type + ")"));
        }
        if (recipient != null && !recipient.mayReceive(type)) {
            findings.add(Findings.error(Refusal.TYPE_NOT_ALLOWED, "Envelope/DocumentType", "the gateway of "
                    + recipient.memberCode() + " may not receive " + type + " (it lacks the permission RECEIVE:"
                    + type + ")"));
        }
        return findings;
    }
}
