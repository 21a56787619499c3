package org.originhub.gatewaykit.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.originhub.gatewaykit.contract.envelope.BusinessResponseKind;
import org.originhub.gatewaykit.contract.envelope.DocumentFunction;
import org.originhub.gatewaykit.contract.envelope.DocumentType;
import org.originhub.gatewaykit.contract.envelope.VerificationResult;

/**
 * One document to submit (or validate): its envelope and the payload bytes, which the hub stores and forwards byte
 * for byte.
 *
 * <pre>
 * Submission co = Submission.builder()
 *         .from("KE").to("TZ").agreement("EAC-CO-DEMO")
 *         .coNumber("KE-2026-000123")                  // CERTIFICATE_OF_ORIGIN, NEW unless told otherwise
 *         .payload(Files.readAllBytes(Path.of("co.xml")))
 *         .build();
 * </pre>
 *
 * @param envelope the routing data
 * @param mediaType the payload's media type ({@code application/xml} in version 1)
 * @param payload the document's bytes
 */
public record Submission(DocumentEnvelope envelope, String mediaType, byte[] payload) {

    public static final String XML = "application/xml";

    public Submission {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(payload, "payload");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: CERTIFICATE_OF_ORIGIN, NEW, {@code application/xml}, a random SenderMessageId. */
    public static final class Builder {
        private String from;
        private String to;
        private String agreement;
        private DocumentType documentType = DocumentType.CERTIFICATE_OF_ORIGIN;
        private DocumentFunction function = DocumentFunction.NEW;
        private String coNumber;
        private String senderMessageId;
        private final List<Reference> references = new ArrayList<>();
        private BusinessResponseKind businessResponseKind;
        private VerificationResult verificationResult;
        private String mediaType = XML;
        private byte[] payload;

        private Builder() {
        }

        public Builder from(String memberState) {
            this.from = memberState;
            return this;
        }

        public Builder to(String memberState) {
            this.to = memberState;
            return this;
        }

        public Builder agreement(String agreementCode) {
            this.agreement = agreementCode;
            return this;
        }

        public Builder documentType(DocumentType type) {
            this.documentType = type;
            return this;
        }

        public Builder function(DocumentFunction documentFunction) {
            this.function = documentFunction;
            return this;
        }

        /** The issuer's CO number (IssuerCoNumber) of the CO this document is or concerns. */
        public Builder coNumber(String issuerCoNumber) {
            this.coNumber = issuerCoNumber;
            return this;
        }

        /**
         * The gateway's own message id. Choose it from your own records (for example your outbox row id) so that a
         * resend after a lost answer is recognised; without one a random UUID is used, which makes every call new.
         */
        public Builder senderMessageId(String id) {
            this.senderMessageId = id;
            return this;
        }

        public Builder reference(Reference reference) {
            this.references.add(reference);
            return this;
        }

        public Builder businessResponseKind(BusinessResponseKind kind) {
            this.businessResponseKind = kind;
            return this;
        }

        public Builder verificationResult(VerificationResult result) {
            this.verificationResult = result;
            return this;
        }

        public Builder mediaType(String type) {
            this.mediaType = type;
            return this;
        }

        public Builder payload(byte[] bytes) {
            this.payload = bytes;
            return this;
        }

        public Submission build() {
            String id = senderMessageId != null ? senderMessageId : UUID.randomUUID().toString();
            return new Submission(new DocumentEnvelope(from, to, agreement, documentType, function, coNumber, id,
                    references, businessResponseKind, verificationResult), mediaType, payload);
        }
    }
}
