package org.originhub.hub.exchange.control;

import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.VerificationResult;
import org.originhub.hub.lifecycle.control.LifecycleRules.Event;
import org.originhub.registry.gateways.entity.DocumentType;

/** Which life-cycle event a document is: the exchange's words (type, function, kind, result) in the life cycle's. */
public final class DocumentEvents {

    private DocumentEvents() {
    }

    /**
     * The event a document is, or null for a NEW CO (which creates a CO instead of changing one).
     *
     * @throws IllegalArgumentException for a combination the envelope checks refuse before (a business response
     *     without its kind, a verification response without its result)
     */
    public static Event of(DocumentType type, DocumentFunction function, BusinessResponseKind kind,
            VerificationResult result) {
        switch (type) {
            case CERTIFICATE_OF_ORIGIN:
                switch (function) {
                    case NEW:
                        return null;
                    case REPLACE:
                        return Event.REPLACE;
                    default:
                        return Event.CANCEL;
                }
            case BUSINESS_RESPONSE:
                if (kind == null) {
                    throw new IllegalArgumentException("a business response needs its kind");
                }
                switch (kind) {
                    case ACCEPTED:
                        return Event.ACCEPT;
                    case REJECTED:
                        return Event.REJECT;
                    default:
                        return Event.UTILISE;
                }
            case VERIFICATION_REQUEST:
                return Event.REQUEST_VERIFICATION;
            default:
                if (result == null) {
                    throw new IllegalArgumentException("a verification response needs its result");
                }
                return result == VerificationResult.CONFIRMED ? Event.CONFIRM : Event.NOT_CONFIRM;
        }
    }
}
