package org.originhub.hub.messagelog.boundary;

import java.time.Instant;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.VerificationResult;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentType;

/**
 * One envelope in the message log: routing, what the document is, its payload's fingerprint (and whether the payload
 * is still stored), and where its delivery stands. Never the payload itself.
 */
public record MessageSummary(String trackingNumber, Instant receivedAt, String senderMember, String recipientMember,
        String agreement, DocumentType documentType, DocumentFunction documentFunction, String issuerMember,
        String coNumber, String replacedCoNumber, String senderMessageId, BusinessResponseKind responseKind,
        VerificationResult verificationResult, String mediaType, String payloadSha256, long payloadSize,
        Instant payloadPurgedAt, DeliveryStatus deliveryStatus, DeliveryMode deliveryMode, int attempts,
        Instant lastAttemptAt, AcknowledgementKind acknowledgement, Instant acknowledgedAt, Instant failedAt) {

    static MessageSummary of(ExchangeMessage m) {
        return new MessageSummary(m.trackingNumber().value(), m.receivedAt(), m.senderMember(), m.recipientMember(),
                m.agreementCode(), m.documentType(), m.documentFunction(), m.issuerMember(), m.coNumber(),
                m.replacedCoNumber(), m.senderMessageId(), m.responseKind(), m.verificationResult(), m.mediaType(),
                m.payloadSha256(), m.payloadSize(), m.payloadPurgedAt(), m.delivery().status(), m.deliveryMode(),
                m.delivery().attempts(), m.delivery().lastAttemptAt(), m.delivery().ackKind(),
                m.delivery().acknowledgedAt(), m.delivery().failedAt());
    }
}
