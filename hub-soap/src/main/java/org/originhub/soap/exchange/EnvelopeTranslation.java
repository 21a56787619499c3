package org.originhub.soap.exchange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.VerificationResult;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.soap.contract.envelope.DeliveredDocument;
import org.originhub.soap.contract.envelope.Envelope;
import org.originhub.soap.contract.envelope.Payload;

/**
 * Between the contract's envelope types (urn:originhub:envelope:v1, generated) and the exchange boundary's. The
 * enumerations carry the same names on both sides; a value the schema allows but the boundary does not know cannot
 * occur, since both come from envelope-v1.xsd.
 */
public final class EnvelopeTranslation {

    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EnvelopeTranslation() {
    }

    public static EnvelopeData toDomain(Envelope envelope) {
        if (envelope == null) {
            return null;
        }
        List<Reference> references = envelope.getReference().stream()
                .map(r -> new Reference(r.getTrackingNumber(), r.getIssuerCoNumber()))
                .collect(Collectors.toList());
        return new EnvelopeData(envelope.getFrom(), envelope.getTo(), envelope.getAgreement(),
                envelope.getDocumentType() == null ? null : DocumentType.valueOf(envelope.getDocumentType().name()),
                envelope.getDocumentFunction() == null ? null
                        : DocumentFunction.valueOf(envelope.getDocumentFunction().name()),
                envelope.getIssuerCoNumber(), envelope.getSenderMessageId(), references,
                envelope.getBusinessResponseKind() == null ? null
                        : BusinessResponseKind.valueOf(envelope.getBusinessResponseKind().name()),
                envelope.getVerificationResult() == null ? null
                        : VerificationResult.valueOf(envelope.getVerificationResult().name()));
    }

    public static Envelope toContract(EnvelopeData data) {
        Envelope envelope = new Envelope();
        envelope.setFrom(data.from());
        envelope.setTo(data.to());
        envelope.setAgreement(data.agreement());
        envelope.setDocumentType(org.originhub.soap.contract.envelope.DocumentType.valueOf(data.documentType().name()));
        envelope.setDocumentFunction(
                org.originhub.soap.contract.envelope.DocumentFunction.valueOf(data.function().name()));
        envelope.setIssuerCoNumber(data.coNumber());
        envelope.setSenderMessageId(data.senderMessageId());
        for (Reference reference : data.references()) {
            org.originhub.soap.contract.envelope.Reference r = new org.originhub.soap.contract.envelope.Reference();
            r.setTrackingNumber(reference.trackingNumber());
            r.setIssuerCoNumber(reference.issuerCoNumber());
            envelope.getReference().add(r);
        }
        if (data.responseKind() != null) {
            envelope.setBusinessResponseKind(
                    org.originhub.soap.contract.envelope.BusinessResponseKind.valueOf(data.responseKind().name()));
        }
        if (data.verificationResult() != null) {
            envelope.setVerificationResult(org.originhub.soap.contract.envelope.VerificationResult.valueOf(
                    data.verificationResult().name()));
        }
        return envelope;
    }

    /** A stored document as the recipient receives it, pulled or pushed. */
    public static DeliveredDocument toContract(org.originhub.hub.exchange.boundary.DeliveredDocument document) {
        DeliveredDocument delivered = new DeliveredDocument();
        delivered.setTrackingNumber(document.trackingNumber());
        delivered.setReceivedAt(xml(document.receivedAt()));
        delivered.setEnvelope(toContract(document.envelope()));
        Payload payload = new Payload();
        payload.setMediaType(document.mediaType());
        payload.setContent(document.payload());
        delivered.setPayload(payload);
        delivered.setPayloadSha256(document.payloadSha256());
        delivered.setSenderCertificateSha256(document.senderCertificateFingerprint());
        return delivered;
    }

    public static XMLGregorianCalendar xml(Instant instant) {
        if (instant == null) {
            return null;
        }
        GregorianCalendar calendar = GregorianCalendar.from(instant.atZone(ZoneOffset.UTC));
        XMLGregorianCalendar value = DATATYPES.newXMLGregorianCalendar(calendar);
        value.setFractionalSecond(instant.getNano() == 0 ? null
                : new java.math.BigDecimal(instant.getNano()).movePointLeft(9).stripTrailingZeros());
        return value;
    }
}
