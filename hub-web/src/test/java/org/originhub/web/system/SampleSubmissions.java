package org.originhub.web.system;

import org.originhub.gatewaykit.client.Submission;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.samples.SampleDocuments;

/** The documents the system tests submit through the gateway kit, built in one place. */
final class SampleSubmissions {

    private SampleSubmissions() {
    }

    /** A new CO from {@code from} to {@code to} under {@code agreement}, with the kit's sample certificate. */
    static Submission co(String from, String to, String agreement, String coNumber, String messageId) {
        return co(from, to, agreement, coNumber, messageId, SampleDocuments.certificate(from, coNumber, agreement));
    }

    /** A new CO from {@code from} to {@code to} under {@code agreement}, with {@code payload}. */
    static Submission co(String from, String to, String agreement, String coNumber, String messageId,
            byte[] payload) {
        return document(from, to, agreement, DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW, coNumber,
                messageId, payload).build();
    }

    /** A document of any type and function, for the caller to complete (a reference, a response kind...). */
    static Submission.Builder document(String from, String to, String agreement, DocumentType type,
            DocumentFunction function, String coNumber, String messageId, byte[] payload) {
        return Submission.builder().from(from).to(to).agreement(agreement).documentType(type).function(function)
                .coNumber(coNumber).senderMessageId(messageId).payload(payload);
    }
}
