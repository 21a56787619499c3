package org.originhub.web.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.messagelog.boundary.MessageFilter;

/** The message log's query parameters, each to its own criterion (the REST layer's part of the filters). */
class MessagesResourceTest {

    @Test
    void everyQueryParameterLandsInItsOwnCriterion() {
        MessageFilter filter = MessagesResource.filter("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "KE", "UG",
                "TZ", "RW", "CO-1", "OH-1", "business_response", "failed_delivery");

        assertThat(filter).isEqualTo(new MessageFilter(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), "KE", "UG", "TZ", "RW", "CO-1", "OH-1",
                DocumentType.BUSINESS_RESPONSE, DeliveryStatus.FAILED_DELIVERY));
    }

    @Test
    void senderAndRecipientAreOneSideEachAndNeverTheMember() {
        MessageFilter sent = MessagesResource.filter(null, null, null, null, "TZ", "", null, null, null, null);
        MessageFilter received = MessagesResource.filter(null, null, null, null, " ", "TZ", null, null, null, null);

        assertThat(sent).isEqualTo(MessageFilter.none().withSides("TZ", null));
        assertThat(received).isEqualTo(MessageFilter.none().withSides(null, "TZ"));
        assertThat(sent.member()).isNull();
        assertThat(received.member()).isNull();
    }

    @Test
    void anUnknownStatusIsABadQuery() {
        assertThatThrownBy(() -> MessagesResource.filter(null, null, null, null, null, null, null, null, null,
                "LOST")).isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("status");
    }
}
