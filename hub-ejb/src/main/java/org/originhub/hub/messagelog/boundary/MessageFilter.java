package org.originhub.hub.messagelog.boundary;

import java.time.Instant;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.messagelog.control.MessageQueryPlanner;

/**
 * What an auditor asks of the message log; every criterion is optional and they all apply together. {@code member}
 * is the sender or the recipient; {@code counterpart} (only with {@code member}) the other party. {@code sender} and
 * {@code recipient} are one side each (the envelope's From and To). {@code from} is inclusive, {@code to} exclusive,
 * both on the time the hub received the document. {@code coNumber} is the envelope's IssuerCoNumber.
 */
public record MessageFilter(Instant from, Instant to, String member, String counterpart, String sender,
        String recipient, String coNumber, String trackingNumber, DocumentType documentType, DeliveryStatus status) {

    public static MessageFilter none() {
        return new MessageFilter(null, null, null, null, null, null, null, null, null, null);
    }

    /** The same filter with these sides (sender, recipient; either may be null). */
    public MessageFilter withSides(String senderCode, String recipientCode) {
        return new MessageFilter(from, to, member, counterpart, senderCode, recipientCode, coNumber, trackingNumber,
                documentType, status);
    }

    MessageFilter withParties(String memberCode, String counterpartCode) {
        return new MessageFilter(from, to, memberCode, counterpartCode, sender, recipient, coNumber, trackingNumber,
                documentType, status);
    }

    /** The criteria the query planner reads. */
    MessageQueryPlanner.Criteria criteria() {
        return new MessageQueryPlanner.Criteria(from, to, member, counterpart, sender, recipient, coNumber,
                trackingNumber, documentType, status);
    }

    /** The filter as recorded in the audit detail, e.g. {@code member=KE sender=UG status=FAILED_DELIVERY}. */
    String describe() {
        StringBuilder out = new StringBuilder();
        append(out, "from", from);
        append(out, "to", to);
        append(out, "member", member);
        append(out, "counterpart", counterpart);
        append(out, "sender", sender);
        append(out, "recipient", recipient);
        append(out, "coNumber", coNumber);
        append(out, "trackingNumber", trackingNumber);
        append(out, "documentType", documentType);
        append(out, "status", status);
        return out.length() == 0 ? "all" : out.toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value != null) {
            out.append(out.length() == 0 ? "" : " ").append(name).append('=').append(value);
        }
    }
}
