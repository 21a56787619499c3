package org.originhub.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.security.ApiRoutes.Route;

/**
 * The REST part of the authorization sweep (issue 8): every operation of the API, found by reflection, declares who
 * may call it, and the filter {@link RoleEnforcement} installs for it refuses an anonymous caller with 401 and every
 * role it does not name with 403. A new endpoint without an access rule fails here; HubSystemIT repeats the
 * anonymous and wrong-role calls over HTTP on the deployed WAR.
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
                .as("operations open to every signed-in user (only who-am-I)")
                .extracting(Route::path).containsOnly("/api/me");
    }

    @Test
    void everyOperationRefusesAnonymousCallersWith401() {
        List<String> open = new ArrayList<>();
        for (Route route : routes) {
            Response refusal = filter(route, null);
            if (refusal == null || refusal.getStatus() != 401) {
                open.add(route + " -> " + (refusal == null ? "admitted" : refusal.getStatus()));
            }
        }
        assertThat(open).isEmpty();
    }

    @Test
    void everyOperationRefusesEveryRoleItDoesNotNameWith403AndAdmitsTheOthers() {
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        for (Route route : routes) {
            for (Role role : Role.values()) {
                boolean mustRefuse = route.refusedRoles().contains(role.name());
                Response outcome = filter(route, role.name());
                if (mustRefuse && (outcome == null || outcome.getStatus() != 403)) {
                    wrong.add(route + " as " + role + " -> " + (outcome == null ? "admitted" : outcome.getStatus()));
                } else if (!mustRefuse && outcome != null) {
                    wrong.add(route + " as " + role + " -> refused " + outcome.getStatus());
                }
                refusals += mustRefuse ? 1 : 0;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(refusals).as("wrong-role calls checked").isGreaterThan(routes.size());
    }

    /** Runs the filter the API installs for {@code route}; the response it aborts with, or null when admitted. */
    private static Response filter(Route route, String role) {
        RoleEnforcement.Check check = new RoleEnforcement.Check(RoleEnforcement.access(route.method(),
                route.method().getDeclaringClass()));
        AtomicReference<Response> aborted = new AtomicReference<>();
        SecurityContext caller = role == null ? anonymous() : signedIn("sweep-" + role.toLowerCase(), role);
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                RestAuthorizationSweepTest.class.getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getSecurityContext":
                            return caller;
                        case "abortWith":
                            aborted.set((Response) args[0]);
                            return null;
                        case "getMethod":
                            return route.httpMethod();
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        check.filter(request);
        return aborted.get();
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
