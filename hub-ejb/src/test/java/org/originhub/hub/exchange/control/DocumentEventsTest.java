package org.originhub.hub.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.VerificationResult;
import org.originhub.hub.lifecycle.control.LifecycleRules.Event;
import org.originhub.registry.gateways.entity.DocumentType;

/** Each document is the life-cycle event the life-cycle table names for it. */
class DocumentEventsTest {

    @Test
    void documentsMapToTheirEvents() {
        assertThat(DocumentEvents.of(DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW, null, null)).isNull();
        assertThat(DocumentEvents.of(DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.REPLACE, null, null))
                .isEqualTo(Event.REPLACE);
        assertThat(DocumentEvents.of(DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.CANCEL, null, null))
                .isEqualTo(Event.CANCEL);
        assertThat(DocumentEvents.of(DocumentType.BUSINESS_RESPONSE, DocumentFunction.NEW,
                BusinessResponseKind.ACCEPTED, null)).isEqualTo(Event.ACCEPT);
        assertThat(DocumentEvents.of(DocumentType.BUSINESS_RESPONSE, DocumentFunction.NEW,
                BusinessResponseKind.REJECTED, null)).isEqualTo(Event.REJECT);
        assertThat(DocumentEvents.of(DocumentType.BUSINESS_RESPONSE, DocumentFunction.NEW,
                BusinessResponseKind.UTILISED, null)).isEqualTo(Event.UTILISE);
        assertThat(DocumentEvents.of(DocumentType.VERIFICATION_REQUEST, DocumentFunction.NEW, null, null))
                .isEqualTo(Event.REQUEST_VERIFICATION);
        assertThat(DocumentEvents.of(DocumentType.VERIFICATION_RESPONSE, DocumentFunction.NEW, null,
                VerificationResult.CONFIRMED)).isEqualTo(Event.CONFIRM);
        assertThat(DocumentEvents.of(DocumentType.VERIFICATION_RESPONSE, DocumentFunction.NEW, null,
                VerificationResult.NOT_CONFIRMED)).isEqualTo(Event.NOT_CONFIRM);
        assertThatThrownBy(() -> DocumentEvents.of(DocumentType.BUSINESS_RESPONSE, DocumentFunction.NEW, null,
                null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DocumentEvents.of(DocumentType.VERIFICATION_RESPONSE, DocumentFunction.NEW, null,
                null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verificationEventsCarryTheirRequestNumber() {
        for (Event event : Event.values()) {
            assertThat(event.concernsVerification()).as(event.name()).isEqualTo(event == Event.REQUEST_VERIFICATION
                    || event == Event.CONFIRM || event == Event.NOT_CONFIRM);
        }
    }
}
