package org.originhub.hub.exchange.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.configuration.entity.NodeName;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentType;

/** The transitions the aggregate root coordinates between the envelope and its delivery state. */
class ExchangeMessageTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");

    private static ExchangeMessage message(DeliveryMode mode) {
        return new ExchangeMessage(new TrackingNumber("OH-1"),
                new ExchangeMessage.Routing("KE", 1L, "ab".repeat(32), "TZ", 2L, mode),
                new ExchangeMessage.Document("EAC-CO", DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW, "KE",
                        "KE-1", "msg-1", null, null, null, null),
                List.of(), "application/xml", "cd".repeat(32), 100, RECEIVED);
    }

    @Test
    void aPushDeliveryIsDueOnAcceptanceAndAPullDeliveryNever() {
        ExchangeMessage push = message(DeliveryMode.PUSH);
        assertThat(push.delivery().status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(push.delivery().nextAttemptAt()).isEqualTo(RECEIVED);

        ExchangeMessage pull = message(DeliveryMode.PULL);
        assertThat(pull.delivery().status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(pull.delivery().nextAttemptAt()).isNull();
    }

    @Test
    void switchingToPullMovesThePendingDeliveryToTheInbox() {
        ExchangeMessage m = message(DeliveryMode.PUSH);
        m.delivery().claim("node-a", RECEIVED.plusSeconds(300),
                NodeIncarnation.startOf(new NodeName("node-1")));

        m.deliverByPull();

        assertThat(m.deliveryMode()).isEqualTo(DeliveryMode.PULL);
        assertThat(m.delivery().nextAttemptAt()).isNull();
        assertThat(m.delivery().claimedBy("node-a")).isFalse();
        assertThat(m.delivery().isPending()).isTrue();
    }

    @Test
    void aPendingDocumentKeepsItsPayload() {
        ExchangeMessage m = message(DeliveryMode.PUSH);

        assertThatThrownBy(() -> m.payloadPurged(RECEIVED.plusSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThat(m.payloadPurgedAt()).isNull();
    }

    @Test
    void aFinishedDocumentLosesItsPayloadOnceAndCannotBeResentThen() {
        ExchangeMessage m = message(DeliveryMode.PUSH);
        m.delivery().fail(RECEIVED.plusSeconds(60));

        m.payloadPurged(RECEIVED.plusSeconds(100));
        m.payloadPurged(RECEIVED.plusSeconds(200));

        assertThat(m.payloadPurgedAt()).as("the first purge's time stays").isEqualTo(RECEIVED.plusSeconds(100));
        assertThatThrownBy(() -> m.resend(RECEIVED.plusSeconds(300))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("purged");
        assertThat(m.delivery().status()).isEqualTo(DeliveryStatus.FAILED_DELIVERY);
    }

    @Test
    void aFailedDocumentWithItsPayloadIsResent() {
        ExchangeMessage m = message(DeliveryMode.PUSH);
        m.delivery().fail(RECEIVED.plusSeconds(60));

        m.resend(RECEIVED.plusSeconds(300));

        assertThat(m.delivery().status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(m.delivery().nextAttemptAt()).isEqualTo(RECEIVED.plusSeconds(300));
    }

    @Test
    void onlyAFailedDocumentIsResent() {
        ExchangeMessage m = message(DeliveryMode.PUSH);
        m.delivery().acknowledge(AcknowledgementKind.OK, null, RECEIVED.plusSeconds(1));

        assertThatThrownBy(() -> m.resend(RECEIVED.plusSeconds(300))).isInstanceOf(IllegalStateException.class);
        assertThat(m.delivery().status()).isEqualTo(DeliveryStatus.DELIVERED);
    }
}
