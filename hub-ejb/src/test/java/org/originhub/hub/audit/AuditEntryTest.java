package org.originhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.registry.events.Actor;

/** The named factories build exactly the records the canonical constructor does, column by column. */
class AuditEntryTest {

    @Test
    void aGatewaysEventAboutAMessageFillsTheExchangeColumns() {
        assertThat(AuditEntry.byGateway("ab12", "KE", "DOCUMENT_PULLED", Outcome.SUCCESS)
                .aboutMessage("TN-1", "KE-CO-1", "KE", "TZ").withDetail("attempt=1"))
                .isEqualTo(new AuditEntry("GATEWAY", "ab12", "KE", "DOCUMENT_PULLED", Outcome.SUCCESS,
                        "ExchangeMessage", "TN-1", "TN-1", "KE-CO-1", "KE", "TZ", "attempt=1"));
    }

    @Test
    void aUsersActionNamesItsObjectAndMemberState() {
        assertThat(AuditEntry.byUser("anna", "UG", "AUDIT_QUERIED", Outcome.SUCCESS).about("AuditLog", null)
                .withDetail("page 1"))
                .isEqualTo(new AuditEntry("USER", "anna", "UG", "AUDIT_QUERIED", Outcome.SUCCESS, "AuditLog", null,
                        null, null, null, null, "page 1"));
    }

    @Test
    void theHubAndAnyActorAreRecordedByKindNameAndMember() {
        assertThat(AuditEntry.byHub("delivery", "DELIVERY_ATTEMPTED", Outcome.FAILED))
                .isEqualTo(new AuditEntry("HUB", "delivery", null, "DELIVERY_ATTEMPTED", Outcome.FAILED, null, null,
                        null, null, null, null, null));
        assertThat(AuditEntry.by(Actor.gateway("cd34", "TZ"), "GATEWAY_REGISTERED", Outcome.SUCCESS)
                .about("Gateway", "7").withExchange(null, null, "TZ", null))
                .isEqualTo(new AuditEntry("GATEWAY", "cd34", "TZ", "GATEWAY_REGISTERED", Outcome.SUCCESS, "Gateway",
                        "7", null, null, "TZ", null, null));
    }

    @Test
    void aRefusalIsRejectedWithItsCodeBeforeTheReason() {
        assertThat(AuditEntry.byGateway("ab12", "KE", "PULL_REFUSED", Outcome.SUCCESS)
                .about("ExchangeMessage", null).withRefusal("InvalidRequest", "MaxDocuments is 1 to 100"))
                .isEqualTo(new AuditEntry("GATEWAY", "ab12", "KE", "PULL_REFUSED", Outcome.REJECTED,
                        "ExchangeMessage", null, null, null, null, null, "InvalidRequest: MaxDocuments is 1 to 100"));
    }

    @Test
    void theFactoriesClipLikeTheConstructor() {
        String longDetail = "x".repeat(1500);
        AuditEntry entry = AuditEntry.byUser(" ", null, "LOGIN", Outcome.SUCCESS).withDetail(longDetail);
        assertThat(entry.actor()).isEqualTo("unknown");
        assertThat(entry.detail()).hasSize(1000).endsWith("\u2026");
        assertThat(entry).isEqualTo(new AuditEntry("USER", null, null, "LOGIN", Outcome.SUCCESS, null, null, null,
                null, null, null, longDetail));
    }
}
