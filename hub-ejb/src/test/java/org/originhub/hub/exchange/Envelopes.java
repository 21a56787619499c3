package org.originhub.hub.exchange;

import java.util.List;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.exchange.entity.VerificationResult;
import org.originhub.registry.gateways.entity.DocumentType;

/** Submissions of every document type between two members, for tests. */
public final class Envelopes {

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    private Envelopes() {
    }

    public static String messageId() {
        return "msg-" + System.nanoTime() + "-" + IDS.incrementAndGet();
    }

    public static Submission xml(EnvelopeData envelope, byte[] payload) {
        return new Submission(envelope, "application/xml", payload);
    }

    public static Submission co(Member issuer, Member importer, String agreement, String number) {
        return xml(new EnvelopeData(issuer.code(), importer.code(), agreement, DocumentType.CERTIFICATE_OF_ORIGIN,
                DocumentFunction.NEW, number, messageId(), List.of(), null, null),
                Documents.co(issuer.code(), number, agreement));
    }

    public static Submission replacement(Member issuer, Member importer, String agreement, String number,
            String replaced) {
        return xml(new EnvelopeData(issuer.code(), importer.code(), agreement, DocumentType.CERTIFICATE_OF_ORIGIN,
                DocumentFunction.REPLACE, number, messageId(), List.of(Reference.coNumber(replaced)), null, null),
                Documents.replacement(issuer.code(), number, replaced, agreement));
    }

    public static Submission cancellation(Member issuer, Member importer, String agreement, String number) {
        return xml(new EnvelopeData(issuer.code(), importer.code(), agreement, DocumentType.CERTIFICATE_OF_ORIGIN,
                DocumentFunction.CANCEL, number, messageId(), List.of(Reference.coNumber(number)), null, null),
                Documents.cancellation(issuer.code(), number));
    }

    public static Submission response(Member importer, Member issuer, String agreement, String number,
            BusinessResponseKind kind) {
        return xml(new EnvelopeData(importer.code(), issuer.code(), agreement, DocumentType.BUSINESS_RESPONSE,
                DocumentFunction.NEW, number, messageId(), List.of(), kind, null),
                Documents.businessResponse(kind.name(), number, issuer.code()));
    }

    public static Submission verificationRequest(Member importer, Member issuer, String agreement, String number,
            String requestNumber) {
        return xml(new EnvelopeData(importer.code(), issuer.code(), agreement, DocumentType.VERIFICATION_REQUEST,
                DocumentFunction.NEW, number, messageId(), List.of(), null, null),
                Documents.verificationRequest(requestNumber, number, issuer.code()));
    }

    public static Submission verificationResponse(Member issuer, Member importer, String agreement, String number,
            String requestNumber, VerificationResult result) {
        return xml(new EnvelopeData(issuer.code(), importer.code(), agreement, DocumentType.VERIFICATION_RESPONSE,
                DocumentFunction.NEW, number, messageId(), List.of(), null, result),
                Documents.verificationResponse(requestNumber, number, issuer.code(), result.name()));
    }

    /** The same submission with another envelope. */
    public static Submission with(Submission s, EnvelopeData envelope) {
        return new Submission(envelope, s.mediaType(), s.payload());
    }

    public static EnvelopeData withMessageId(EnvelopeData e, String id) {
        return new EnvelopeData(e.from(), e.to(), e.agreement(), e.documentType(), e.function(), e.coNumber(), id,
                e.references(), e.responseKind(), e.verificationResult());
    }
}
