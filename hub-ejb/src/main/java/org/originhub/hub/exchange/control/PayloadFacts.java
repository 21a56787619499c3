package org.originhub.hub.exchange.control;

/**
 * The few fields of a payload the hub reads to cross-check it with the envelope (co-document-v1.xsd names); null
 * where the document has no such field.
 *
 * @param root local name of the root element, e.g. CertificateOfOrigin
 * @param namespace namespace of the root element
 * @param coNumber ReferenceNumber (CO, cancellation) or CoReferenceNumber (responses, verification)
 * @param issuingCountry IssuingAuthority/Country (CO, cancellation) or IssuingCountry (responses, verification)
 */
public record PayloadFacts(String root, String namespace, String messageFunction, String coNumber,
        String replacedCoNumber, String agreementCode, String issuingCountry, String responseKind, String result,
        String requestNumber, boolean hasReason) {
}
