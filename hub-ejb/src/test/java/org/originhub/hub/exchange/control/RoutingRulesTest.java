package org.originhub.hub.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.memberstates.entity.MemberStateCode;

/** Recipient, agreement and permission decisions on registry facts. */
class RoutingRulesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-05-01");

    @Test
    void theRecipientMustBeAnActiveMemberWithAnActiveGateway() {
        assertThat(RoutingRules.recipient("ZZ", null, List.of(), DocumentType.CERTIFICATE_OF_ORIGIN).refusal()
                .message()).contains("no member state ZZ");
        MemberState suspended = member("TZ");
        suspended.suspend(NOW);
        assertThat(RoutingRules.recipient("TZ", suspended, List.of(gateway("TZ", "RECEIVE:CERTIFICATE_OF_ORIGIN")),
                DocumentType.CERTIFICATE_OF_ORIGIN).refusal().message()).contains("SUSPENDED");
        Gateway idle = gateway("TZ", "RECEIVE:CERTIFICATE_OF_ORIGIN");
        idle.suspend(NOW);
        RoutingRules.Route none = RoutingRules.recipient("TZ", member("TZ"), List.of(idle),
                DocumentType.CERTIFICATE_OF_ORIGIN);
        assertThat(none.refusal().code()).isEqualTo("UnknownRecipient");
        assertThat(none.refusal().message()).contains("no active gateway");
    }

    @Test
    void ofSeveralGatewaysTheOneThatMayReceiveTheTypeIsChosen() {
        Gateway responsesOnly = gateway("TZ", "RECEIVE:BUSINESS_RESPONSE");
        Gateway cos = gateway("TZ", "RECEIVE:CERTIFICATE_OF_ORIGIN");

        RoutingRules.Route route = RoutingRules.recipient("TZ", member("TZ"), List.of(responsesOnly, cos),
                DocumentType.CERTIFICATE_OF_ORIGIN);

        assertThat(route.refusal()).isNull();
        assertThat(route.gateway()).isSameAs(cos);
    }

    @Test
    void bothMustBePartiesToAnAgreementInForce() {
        Agreement eac = new Agreement("EAC", "EAC", LocalDate.parse("2020-01-01"), LocalDate.parse("2030-12-31"),
                List.of(new MemberStateCode("KE"), new MemberStateCode("TZ")), NOW);

        assertThat(RoutingRules.parties("EAC", eac, "KE", "TZ", TODAY)).isEmpty();
        assertThat(RoutingRules.parties("EAC", eac, "KE", "UG", TODAY)).get().extracting(Finding::message)
                .asString().contains("UG is not a party");
        assertThat(RoutingRules.parties("EAC", eac, "KE", "TZ", LocalDate.parse("2031-01-01"))).get()
                .extracting(Finding::message).asString().contains("in force from 2020-01-01 until 2030-12-31");
        assertThat(RoutingRules.parties("XX", null, "KE", "TZ", TODAY)).get().extracting(Finding::code)
                .isEqualTo("NotParty");
        assertThat(RoutingRules.parties("EAC", eac, "KE", "KE", TODAY)).get().extracting(Finding::message)
                .asString().contains("itself");
    }

    @Test
    void theSenderNeedsSendAndTheRecipientReceivePermission() {
        Gateway sender = gateway("KE", "SEND:VERIFICATION_RESPONSE");
        Gateway recipient = gateway("TZ", "RECEIVE:CERTIFICATE_OF_ORIGIN");

        assertThat(RoutingRules.permissions(sender, recipient, DocumentType.VERIFICATION_RESPONSE))
                .extracting(Finding::message).singleElement().asString()
                .contains("RECEIVE:VERIFICATION_RESPONSE");
        assertThat(RoutingRules.permissions(sender, recipient, DocumentType.CERTIFICATE_OF_ORIGIN))
                .extracting(Finding::message).singleElement().asString().contains("SEND:CERTIFICATE_OF_ORIGIN");
    }

    private static MemberState member(String code) {
        return new MemberState(new MemberStateCode(code), "Member " + code, NOW);
    }

    private static Gateway gateway(String member, String... permissions) {
        return new Gateway(new MemberStateCode(member), "gw", DeliveryMode.PULL, null,
                java.util.Arrays.stream(permissions).map(DocumentPermission::parse).toList(), NOW);
    }
}
