package org.originhub.gatewaykit.client;

import java.util.List;
import java.util.Objects;
import org.originhub.gatewaykit.contract.envelope.BusinessResponseKind;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.envelope.VerificationResult;

/**
 * The routing data the hub reads (envelope-v1.xsd {@code Envelope}); the payload travels beside it, untouched.
 *
 * @param from sending member state (ISO 3166-1 alpha-2); must be the member of the signing gateway
 * @param to receiving member state
 * @param agreement the agreement both are parties to, e.g. {@code EAC-CO-DEMO}
 * @param documentType what the payload is
 * @param function NEW, REPLACE or CANCEL (REPLACE and CANCEL need a reference)
 * @param issuerCoNumber the CO this document is or concerns, as its issuer numbered it
 * @param senderMessageId the gateway's own id for the message; a resend with the same id is answered Duplicate
 * @param references earlier documents referred to
 * @param businessResponseKind required for BUSINESS_RESPONSE, else null
 * @param verificationResult required for VERIFICATION_RESPONSE, else null
 */
public record DocumentEnvelope(String from, String to, String agreement, DocumentType documentType,
        DocumentFunction function, String issuerCoNumber, String senderMessageId, List<Reference> references,
        BusinessResponseKind businessResponseKind, VerificationResult verificationResult) {

    public DocumentEnvelope {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(agreement, "agreement");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(issuerCoNumber, "issuerCoNumber");
        Objects.requireNonNull(senderMessageId, "senderMessageId");
        references = references == null ? List.of() : List.copyOf(references);
    }
}
