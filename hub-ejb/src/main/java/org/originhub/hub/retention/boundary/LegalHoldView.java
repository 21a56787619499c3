package org.originhub.hub.retention.boundary;

import java.time.Instant;
import org.originhub.hub.retention.entity.HoldScope;
import org.originhub.hub.retention.entity.LegalHold;

/**
 * A legal hold as the API shows it. {@code messages} and {@code payloadsAlreadyPurged} are filled when a hold is
 * placed (how many stored messages it covers, and how many of those had already lost their payload), null in lists.
 */
public record LegalHoldView(long id, HoldScope scope, String issuerMember, String coNumber, String trackingNumber,
        String reason, String placedBy, Instant placedAt, boolean inForce, String liftedBy, Instant liftedAt,
        String liftReason, Long messages, Long payloadsAlreadyPurged) {

    static LegalHoldView of(LegalHold h, Long messages, Long alreadyPurged) {
        return new LegalHoldView(h.id(), h.scope(), h.issuerMember(), h.coNumber(), h.trackingNumber(), h.reason(),
                h.placedBy(), h.placedAt(), h.inForce(), h.liftedBy(), h.liftedAt(), h.liftReason(), messages,
                alreadyPurged);
    }
}
