package org.originhub.gatewaykit.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.originhub.gatewaykit.contract.envelope.DeliveredDocument;
import org.originhub.gatewaykit.contract.envelope.Envelope;
import org.originhub.gatewaykit.contract.envelope.Payload;

/**
 * Translation between the kit's values and the types generated from envelope-v1.xsd, for code that works with the
 * generated contract directly (a gateway's own PUSH endpoint, a test that plays the hub).
 */
public final class Envelopes {

    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Envelopes() {
    }

    public static Envelope toContract(DocumentEnvelope envelope) {
        Envelope contract = new Envelope();
        contract.setFrom(envelope.from());
        contract.setTo(envelope.to());
        contract.setAgreement(envelope.agreement());
        contract.setDocumentType(envelope.documentType());
        contract.setDocumentFunction(envelope.function());
        contract.setIssuerCoNumber(envelope.issuerCoNumber());
        contract.setSenderMessageId(envelope.senderMessageId());
        for (Reference reference : envelope.references()) {
            org.originhub.gatewaykit.contract.envelope.Reference ref =
                    new org.originhub.gatewaykit.contract.envelope.Reference();
            if (reference.kind() == Reference.Kind.TRACKING_NUMBER) {
                ref.setTrackingNumber(reference.value());
            } else {
                ref.setIssuerCoNumber(reference.value());
            }
            contract.getReference().add(ref);
        }
        contract.setBusinessResponseKind(envelope.businessResponseKind());
        contract.setVerificationResult(envelope.verificationResult());
        return contract;
    }

    /** Null for a null envelope (an unknown tracking number has none). */
    public static DocumentEnvelope fromContract(Envelope contract) {
        if (contract == null) {
            return null;
        }
        List<Reference> references = new ArrayList<>();
        for (org.originhub.gatewaykit.contract.envelope.Reference ref : contract.getReference()) {
            references.add(ref.getTrackingNumber() != null ? Reference.trackingNumber(ref.getTrackingNumber())
                    : Reference.coNumber(ref.getIssuerCoNumber()));
        }
        return new DocumentEnvelope(contract.getFrom(), contract.getTo(), contract.getAgreement(),
                contract.getDocumentType(), contract.getDocumentFunction(), contract.getIssuerCoNumber(),
                contract.getSenderMessageId(), references, contract.getBusinessResponseKind(),
                contract.getVerificationResult());
    }

    public static ReceivedDocument fromContract(DeliveredDocument delivered) {
        Payload payload = delivered.getPayload();
        return new ReceivedDocument(delivered.getTrackingNumber(), instant(delivered.getReceivedAt()),
                fromContract(delivered.getEnvelope()), payload == null ? null : payload.getMediaType(),
                payload == null || payload.getContent() == null ? new byte[0] : payload.getContent(),
                delivered.getPayloadSha256(), delivered.getSenderCertificateSha256());
    }

    public static DeliveredDocument toContract(ReceivedDocument document) {
        DeliveredDocument delivered = new DeliveredDocument();
        delivered.setTrackingNumber(document.trackingNumber());
        delivered.setReceivedAt(xml(document.receivedAt()));
        delivered.setEnvelope(toContract(document.envelope()));
        delivered.setPayload(payload(document.mediaType(), document.payload()));
        delivered.setPayloadSha256(document.payloadSha256());
        delivered.setSenderCertificateSha256(document.senderCertificateSha256());
        return delivered;
    }

    public static Payload payload(String mediaType, byte[] content) {
        Payload payload = new Payload();
        payload.setMediaType(mediaType);
        payload.setContent(content);
        return payload;
    }

    public static Instant instant(XMLGregorianCalendar calendar) {
        return calendar == null ? null : calendar.toGregorianCalendar().toZonedDateTime().toInstant();
    }

    /** UTC, with milliseconds. */
    public static XMLGregorianCalendar xml(Instant instant) {
        if (instant == null) {
            return null;
        }
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return DATATYPES.newXMLGregorianCalendar(calendar);
    }
}
