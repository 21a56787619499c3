package org.originhub.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.security.ApiRoutes.Route;

/**
 * The REST part of the authorization sweep (issue 8): every operation of the API, found by reflection, declares who
 * may call it, and the rule {@link RoleEnforcement} enforces for it admits no anonymous caller and refuses every role
 * it does not name (the filter answers 401 and 403). A new endpoint without an access rule fails here; HubSystemIT
 * makes the anonymous and wrong-role calls over HTTP on the deployed WAR.
 */
class RestAuthorizationSweepTest {

    private final List<Route> routes = ApiRoutes.all();

    @Test
    void theSweepFindsTheWholeApi() {
        assertThat(routes).extracting(r -> r.httpMethod() + " " + r.path()).contains("GET /api/me",
                "GET /api/admin/member-states", "POST /api/admin/gateways", "POST /api/admin/requests/{id}/approve",
                "GET /api/audit/records", "GET /api/audit/export");
        assertThat(routes).hasSizeGreaterThan(30);
    }

    @Test
    void everyOperationDeclaresAnExplicitAccessRule() {
        assertThat(routes).filteredOn(r -> r.rule() == null).as("operations without @RolesAllowed, @PermitAll or "
                + "@DenyAll (on the method or its class)").isEmpty();
        assertThat(routes).filteredOn(r -> r.rule() != null && r.rule().anyUser())
                .as("operations open to every signed-in user (at most who-am-I)")
                .extracting(Route::path).isSubsetOf("/api/me");
    }

    @Test
    void noOperationAdmitsAnAnonymousCaller() {
        // The filter answers 401 to a caller without a principal before it looks at the rule (RoleEnforcementTest);
        // here: no rule admits one either, so nothing depends on that order. HubSystemIT checks the 401s over HTTP.
        assertThat(routes).filteredOn(route -> access(route).admits(anonymous())).as("operations admitting an "
                + "anonymous caller").isEmpty();
    }

    @Test
    void everyOperationRefusesEveryRoleItDoesNotNameAndAdmitsTheOthers() {
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        for (Route route : routes) {
            RoleEnforcement.Access access = access(route);
            for (Role role : Role.values()) {
                boolean mustRefuse = route.refusedRoles().contains(role.name());
                boolean admitted = access.admits(signedIn("sweep-" + role.name().toLowerCase(), role.name()));
                if (mustRefuse == admitted) {
                    wrong.add(route + " as " + role + (admitted ? " admitted" : " refused"));
                }
                refusals += mustRefuse ? 1 : 0;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(refusals).as("wrong-role calls checked").isGreaterThan(routes.size());
    }

    /** The rule the API's filter enforces for {@code route} (RoleEnforcement's own reading of the annotations). */
    private static RoleEnforcement.Access access(Route route) {
        return RoleEnforcement.access(route.method(), route.method().getDeclaringClass());
    }

    private static SecurityContext anonymous() {
        return context(null, null);
    }

    private static SecurityContext signedIn(String name, String role) {
        return context(() -> name, role);
    }

    private static SecurityContext context(Principal principal, String role) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String asked) {
                return asked.equals(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return principal == null ? null : BASIC_AUTH;
            }
        };
    }
}
