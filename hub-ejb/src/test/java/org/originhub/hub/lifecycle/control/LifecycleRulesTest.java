package org.originhub.hub.lifecycle.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.ACCEPTED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.CANCELLED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.CONFIRMED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.EXPIRED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.ISSUED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.NOT_CONFIRMED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.REJECTED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.REPLACED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.UTILISED;
import static org.originhub.hub.lifecycle.entity.DocumentStatus.VERIFICATION_REQUESTED;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.originhub.hub.lifecycle.control.LifecycleRules.Decision;
import org.originhub.hub.lifecycle.control.LifecycleRules.Event;
import org.originhub.hub.lifecycle.entity.DocumentStatus;

/** Every (status, event) pair of the CO life cycle against the table written out here independently. */
class LifecycleRulesTest {

    /** The documented table: for each event, the statuses it is allowed from (before the utilisation rule). */
    private static final Map<Event, Set<DocumentStatus>> ALLOWED = Map.of(
            Event.REPLACE, EnumSet.of(ISSUED, ACCEPTED, REJECTED, NOT_CONFIRMED),
            Event.CANCEL, EnumSet.of(ISSUED, ACCEPTED, REJECTED, UTILISED, VERIFICATION_REQUESTED, CONFIRMED,
                    NOT_CONFIRMED),
            Event.ACCEPT, EnumSet.of(ISSUED, CONFIRMED),
            Event.REJECT, EnumSet.of(ISSUED, ACCEPTED, NOT_CONFIRMED),
            Event.UTILISE, EnumSet.of(ISSUED, ACCEPTED, CONFIRMED),
            Event.REQUEST_VERIFICATION, EnumSet.of(ISSUED, ACCEPTED, UTILISED),
            Event.CONFIRM, EnumSet.of(VERIFICATION_REQUESTED),
            Event.NOT_CONFIRM, EnumSet.of(VERIFICATION_REQUESTED));

    private static final Map<Event, DocumentStatus> TARGET = Map.of(Event.REPLACE, REPLACED, Event.CANCEL,
            CANCELLED, Event.ACCEPT, ACCEPTED, Event.REJECT, REJECTED, Event.UTILISE, UTILISED,
            Event.REQUEST_VERIFICATION, VERIFICATION_REQUESTED, Event.CONFIRM, CONFIRMED, Event.NOT_CONFIRM,
            NOT_CONFIRMED);

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (DocumentStatus status : DocumentStatus.values()) {
            for (Event event : Event.values()) {
                pairs.add(Arguments.of(status, event));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} on a CO that is {0}")
    @MethodSource("everyPair")
    void eachEventIsAllowedExactlyFromTheDocumentedStatuses(DocumentStatus status, Event event) {
        Decision decision = LifecycleRules.decide(status, false, event, "KE/CO-1", "CO-1-R");

        if (ALLOWED.get(event).contains(status)) {
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.next()).isEqualTo(TARGET.get(event));
            assertThat(decision.reason()).isNull();
        } else {
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.next()).isNull();
            assertThat(decision.reason()).contains("KE/CO-1");
        }
    }

    @ParameterizedTest(name = "{1} on a CO that was utilised and is now {0}")
    @MethodSource("everyPair")
    void aUtilisedCoIsNeverUtilisedOrAcceptedAgain(DocumentStatus status, Event event) {
        Decision decision = LifecycleRules.decide(status, true, event, "KE/CO-1", null);

        boolean expected = ALLOWED.get(event).contains(status) && event != Event.UTILISE && event != Event.ACCEPT;
        assertThat(decision.allowed()).isEqualTo(expected);
    }

    @Test
    void finalStatusesSayWhyAndNameTheReplacement() {
        assertThat(LifecycleRules.decide(REPLACED, false, Event.ACCEPT, "KE/CO-1", "CO-1-R").reason())
                .contains("replaced by CO-1-R");
        assertThat(LifecycleRules.decide(CANCELLED, false, Event.REQUEST_VERIFICATION, "KE/CO-1", null).reason())
                .contains("cancelled");
        assertThat(LifecycleRules.decide(EXPIRED, false, Event.CANCEL, "KE/CO-1", null).reason())
                .contains("expired");
        assertThat(LifecycleRules.decide(VERIFICATION_REQUESTED, false, Event.REPLACE, "KE/CO-1", null).reason())
                .contains("VERIFICATION_REQUESTED").contains("a replacement is accepted only when it is ISSUED");
    }
}
