package org.originhub.hub.exchange.boundary;

import java.util.List;
import org.originhub.hub.delivery.entity.DeliveryState;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.DeliveryAttempt;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.lifecycle.entity.CoStatusChange;

/** Stored messages as the boundary's views: the envelope exactly as submitted. */
public final class Views {

    private Views() {
    }

    /**
     * The envelope as submitted, with the message's references read beforehand for every message of the view at once
     * ({@code ReferenceReads}): the lazy collection would cost one SELECT per message.
     */
    public static EnvelopeData envelope(ExchangeMessage m, List<Reference> references) {
        return new EnvelopeData(m.senderMember(), m.recipientMember(), m.agreementCode(), m.documentType(),
                m.documentFunction(), m.coNumber(), m.senderMessageId(), references, m.responseKind(),
                m.verificationResult());
    }

    public static DeliveredDocument delivered(ExchangeMessage m, byte[] payload, List<Reference> references) {
        return new DeliveredDocument(m.trackingNumber().value(), m.receivedAt(), envelope(m, references),
                m.mediaType(), payload, m.payloadSha256(), m.senderCertificate());
    }

    /** What a caller is told about a payload the retention purge deleted. */
    public static String purged(ExchangeMessage m) {
        return "the payload of " + m.trackingNumber() + " (received " + m.receivedAt() + ") was purged on "
                + m.payloadPurgedAt() + " under the hub's retention policy; its SHA-256 was " + m.payloadSha256()
                + ", so a copy kept elsewhere can still be compared";
    }

    /** A CO's life cycle with its history, oldest first. */
    public static CoStatusView coStatus(CoRecord co, List<CoStatusChange> history) {
        return new CoStatusView(co.issuerMember(), co.coNumber(), co.status(), co.statusSince(), co.agreementCode(),
                co.importingMember(), history.stream()
                        .map(c -> new CoStatusView.Change(c.status(), c.changedAt(), c.trackingNumber())).toList());
    }

    public static InboxItem inboxItem(ExchangeMessage m, List<Reference> references) {
        return new InboxItem(m.trackingNumber().value(), m.receivedAt(), envelope(m, references), m.payloadSize(),
                m.payloadSha256());
    }

    public static TrackingView tracking(ExchangeMessage m, List<DeliveryAttempt> attempts,
            List<Reference> references) {
        DeliveryState d = m.delivery();
        return new TrackingView(m.trackingNumber().value(), d.status(), envelope(m, references), m.receivedAt(),
                m.payloadSha256(), m.payloadSize(), d.attempts(), d.lastAttemptAt(), d.acknowledgedAt(),
                d.ackKind(), d.ackText(), attempts.stream().map(a -> new AttemptView(a.number(), a.attemptedAt(),
                        a.kind().name(), a.outcome().name(), a.detail())).toList(), m.payloadPurgedAt());
    }
}
