package org.originhub.hub.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.registry.cache.entity.AgreementFacts;
import org.originhub.registry.cache.entity.GatewayFacts;
import org.originhub.registry.cache.entity.MemberFacts;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.gateways.entity.GatewayStatus;
import org.originhub.registry.memberstates.entity.MemberStatus;

/** Recipient, agreement and permission decisions on registry facts. */
class RoutingRulesTest {

    private static final AtomicLong IDS = new AtomicLong();
    private static final LocalDate TODAY = LocalDate.parse("2026-05-01");

    @Test
    void theRecipientMustBeAnActiveMemberWithAnActiveGateway() {
        assertThat(RoutingRules.recipient("ZZ", null, DocumentType.CERTIFICATE_OF_ORIGIN).refusal()
                .message()).contains("no member state ZZ");
        MemberFacts suspended = new MemberFacts("TZ", MemberStatus.SUSPENDED,
                List.of(gateway("TZ", "RECEIVE:CERTIFICATE_OF_ORIGIN")));
        assertThat(RoutingRules.recipient("TZ", suspended, DocumentType.CERTIFICATE_OF_ORIGIN).refusal().message())
                .contains("SUSPENDED");
        GatewayFacts idle = new GatewayFacts(IDS.incrementAndGet(), "TZ", "gw", DeliveryMode.PULL, null,
                GatewayStatus.SUSPENDED, permissions("RECEIVE:CERTIFICATE_OF_ORIGIN"));
        RoutingRules.Route none = RoutingRules.recipient("TZ", member("TZ", idle),
                DocumentType.CERTIFICATE_OF_ORIGIN);
        assertThat(none.refusal().code()).isEqualTo("UnknownRecipient");
        assertThat(none.refusal().message()).contains("no active gateway");
    }

    @Test
    void ofSeveralGatewaysTheOneThatMayReceiveTheTypeIsChosen() {
        GatewayFacts responsesOnly = gateway("TZ", "RECEIVE:BUSINESS_RESPONSE");
        GatewayFacts cos = gateway("TZ", "RECEIVE:CERTIFICATE_OF_ORIGIN");

        RoutingRules.Route route = RoutingRules.recipient("TZ", member("TZ", responsesOnly, cos),
                DocumentType.CERTIFICATE_OF_ORIGIN);

        assertThat(route.refusal()).isNull();
        assertThat(route.gateway()).isEqualTo(cos);
    }

    @Test
    void bothMustBePartiesToAnAgreementInForce() {
        AgreementFacts eac = new AgreementFacts("EAC", LocalDate.parse("2020-01-01"), LocalDate.parse("2030-12-31"),
                List.of("TZ", "KE"));

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
        GatewayFacts sender = gateway("KE", "SEND:VERIFICATION_RESPONSE");
        GatewayFacts recipient = gateway("TZ", "RECEIVE:CERTIFICATE_OF_ORIGIN");

        assertThat(RoutingRules.permissions(sender, recipient, DocumentType.VERIFICATION_RESPONSE))
                .extracting(Finding::message).singleElement().asString()
                .contains("RECEIVE:VERIFICATION_RESPONSE");
        assertThat(RoutingRules.permissions(sender, recipient, DocumentType.CERTIFICATE_OF_ORIGIN))
                .extracting(Finding::message).singleElement().asString().contains("SEND:CERTIFICATE_OF_ORIGIN");
    }

    private static MemberFacts member(String code, GatewayFacts... gateways) {
        return new MemberFacts(code, MemberStatus.ACTIVE, List.of(gateways));
    }

    private static GatewayFacts gateway(String member, String... permissions) {
        return new GatewayFacts(IDS.incrementAndGet(), member, "gw", DeliveryMode.PULL, null, GatewayStatus.ACTIVE,
                permissions(permissions));
    }

    private static Set<DocumentPermission> permissions(String... permissions) {
        return Arrays.stream(permissions).map(DocumentPermission::parse).collect(Collectors.toSet());
    }
}
