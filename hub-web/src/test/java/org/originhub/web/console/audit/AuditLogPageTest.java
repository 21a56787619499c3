package org.originhub.web.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originhub.hub.audit.boundary.AuditFilter;
import org.originhub.hub.audit.boundary.AuditLog;
import org.originhub.hub.audit.boundary.AuditPage;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.console.Caller;

/** The Audit log page hands its filter fields to the audit log, each to its own criterion. */
class AuditLogPageTest {

    private final List<AuditFilter> asked = new ArrayList<>();

    @Test
    void memberAndCounterpartAreUpperCasedAndEveryFieldLandsInItsOwnCriterion() {
        AuditLogPage page = page();
        page.setMember(" ke");
        page.setCounterpart("ug ");
        page.setAction("co_delivered");
        page.setOutcome(Outcome.FAILED);
        page.setActor("gw-UG");
        page.search();
        page.getRecords().load(0, 25, Map.of(), Map.of());

        assertThat(asked).singleElement().isEqualTo(new AuditFilter(null, null, "KE", "UG", "CO_DELIVERED",
                Outcome.FAILED, "gw-UG", null, null));
    }

    @Test
    void aBlankCounterpartIsNoCounterpart() {
        AuditLogPage page = page();
        page.setMember("KE");
        page.setCounterpart("  ");
        page.search();
        page.getRecords().load(0, 25, Map.of(), Map.of());

        assertThat(asked).singleElement().extracting(AuditFilter::counterpart).isNull();
    }

    private AuditLogPage page() {
        AuditLogPage page = new AuditLogPage();
        page.log = new AuditLog() {
            @Override
            public AuditPage search(AuthenticatedUser caller, AuditFilter filter, Long after, int limit,
                    boolean newestFirst) {
                asked.add(filter);
                return new AuditPage(List.of(), null);
            }
        };
        page.caller = new Caller() {
            @Override
            public AuthenticatedUser user() {
                return new AuthenticatedUser("auditor", Role.AUDITOR, null);
            }
        };
        return page;
    }
}
