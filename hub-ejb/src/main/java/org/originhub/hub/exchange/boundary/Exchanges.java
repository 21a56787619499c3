package org.originhub.hub.exchange.boundary;

import jakarta.ejb.Stateless;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.originhub.hub.exchange.entity.AcknowledgementKind;
import org.originhub.hub.exchange.entity.DeliveryStatus;
import org.originhub.hub.exchange.entity.DocumentType;

/**
 * The CO exchange: what a verified gateway may do. Every method runs in one transaction with its audit record;
 * every refusal is an {@link ExchangeRefusedException} whose audit record commits with it.
 *
 * <p>API skeleton: the exchange-core work implements it (routing, storage, idempotency, ordering, lifecycle).
 */
@Stateless
public class Exchanges {

    /**
     * Checks the submission (payload against co-document-v1.xsd and against the envelope, routing rules,
     * references, duplicates), stores envelope and payload byte for byte with its SHA-256, queues delivery and
     * updates the CO lifecycle, then returns the receipt. The same (sender member, sender message id) with the same
     * payload returns the first receipt again and stores nothing; with another payload it is refused as Duplicate.
     */
    public Receipt submit(Sender sender, Submission submission) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The same checks as {@link #submit} without storing anything; all findings, not just the first. */
    public List<Finding> validate(Sender sender, Submission submission) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Tracking of envelopes the caller's member sent or received, in request order; an empty Optional for a tracking
     * number that is unknown or not the caller's.
     */
    public List<Optional<TrackingView>> track(Sender sender, List<String> trackingNumbers) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** PENDING_DELIVERY documents for the caller's member that may be delivered now (ordering per CO), oldest first. */
    public Inbox inbox(Sender sender, Set<DocumentType> types, int maxItems) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** As {@link #inbox} with payloads (or the named tracking numbers); records a pull attempt per document. */
    public PulledDocuments pull(Sender sender, int maxDocuments, Set<DocumentType> types,
            List<String> trackingNumbers) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The recipient's acknowledgement: sets the delivery status once; the same again is harmless. */
    public DeliveryStatus acknowledge(Sender sender, String trackingNumber, AcknowledgementKind kind, String text) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The life-cycle of a CO, for its issuing and importing member only (empty for anyone else or unknown). */
    public Optional<CoStatusView> documentStatus(Sender sender, String issuingMember, String coNumber) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
