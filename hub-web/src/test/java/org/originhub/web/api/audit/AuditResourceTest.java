package org.originhub.web.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;

/** The audit API's query parameters, each to its own criterion (the REST layer's part of the filters). */
class AuditResourceTest {

    @Test
    void everyQueryParameterLandsInItsOwnCriterion() {
        AuditFilter filter = AuditResource.filter("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "KE", "UG",
                "CO_SUBMITTED", "failed", "gw-KE", "TN-1", "CO-1");

        assertThat(filter).isEqualTo(new AuditFilter(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), "KE", "UG", "CO_SUBMITTED", Outcome.FAILED, "gw-KE", "TN-1",
                "CO-1"));
    }

    @Test
    void aBlankCounterpartIsNoCounterpart() {
        assertThat(AuditResource.filter(null, null, "KE", " ", null, null, null, null, null))
                .isEqualTo(new AuditFilter(null, null, "KE", null, null, null, null, null, null));
    }

    @Test
    void aCounterpartWithoutAMemberIsRefusedAsABadQueryBeforeAnythingIsRead() {
        // InvalidAuditQueryException is the 400 of AuditExceptionMapper.Invalid; nothing is read or recorded first.
        AuditFilter alone = AuditResource.filter(null, null, null, "UG", null, null, null, null, null);

        assertThatThrownBy(() -> new AuditLog().authorize(new AuthenticatedUser("aud", Role.AUDITOR, null), alone,
                "AUDIT_QUERIED")).isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("counterpart");
    }

    @Test
    void anUnknownOutcomeOrOrderIsABadQuery() {
        assertThatThrownBy(() -> AuditResource.filter(null, null, null, null, null, "LOST", null, null, null))
                .isInstanceOf(InvalidAuditQueryException.class).hasMessageContaining("outcome");
        assertThatThrownBy(() -> AuditResource.newestFirst("sideways")).isInstanceOf(InvalidAuditQueryException.class);
    }
}
