package org.originhub.hub.exchange.entity;

import java.util.List;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * The routing data of one document (envelope-v1.xsd Envelope), as the hub reads it. {@code coNumber} is the CO the
 * document is or concerns; its issuing member is {@link #issuingMember()}.
 */
public record EnvelopeData(String from, String to, String agreement, DocumentType documentType,
        DocumentFunction function, String coNumber, String senderMessageId, List<Reference> references,
        BusinessResponseKind responseKind, VerificationResult verificationResult) {

    public EnvelopeData {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** From for CERTIFICATE_OF_ORIGIN and VERIFICATION_RESPONSE, To for BUSINESS_RESPONSE and VERIFICATION_REQUEST. */
    public String issuingMember() {
        if (documentType == null) {
            return null;
        }
        switch (documentType) {
            case BUSINESS_RESPONSE:
            case VERIFICATION_REQUEST:
                return to;
            default:
                return from;
        }
    }
}
