package org.originhub.web.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import org.originhub.web.errors.ApiError;

/**
 * Deny by default for the REST API: every resource method gets an authorization filter from its annotations, the
 * method's first, then its class's: {@code @DenyAll} refuses everybody, {@code @RolesAllowed} admits the listed
 * roles, {@code @PermitAll} admits any signed-in hub user (the API has no anonymous calls), and a method with none of
 * them is refused to everybody, so a forgotten annotation closes an endpoint instead of opening it. Refusals are
 * 403 with the API's JSON error; a caller who is not signed in at all gets 401.
 */
@Provider
public class RoleEnforcement implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        context.register(new Check(access(resource.getResourceMethod(), resource.getResourceClass())),
                Priorities.AUTHORIZATION);
    }

    /** Who may call {@code method}, from its annotations or, when it has none, its class's. */
    static Access access(Method method, Class<?> resourceClass) {
        Access declared = method == null ? null : declared(method);
        if (declared == null && resourceClass != null) {
            declared = declared(resourceClass);
        }
        return declared != null ? declared
                : Access.nobody("This operation declares no access rule, so it is closed to everybody");
    }

    private static Access declared(AnnotatedElement element) {
        if (element.isAnnotationPresent(DenyAll.class)) {
            return Access.nobody("This operation is closed to everybody");
        }
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            return new Access(List.of(roles.value()), false, null);
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return new Access(List.of(), true, null);
        }
        return null;
    }

    /** Either any signed-in user, or the listed roles, or nobody (then {@code denial} says why). */
    record Access(List<String> roles, boolean anyUser, String denial) {

        static Access nobody(String why) {
            return new Access(List.of(), false, why);
        }

        boolean admits(SecurityContext caller) {
            return denial == null && (anyUser || roles.stream().anyMatch(caller::isUserInRole));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {

        private final Access access;

        Check(Access access) {
            this.access = access;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext caller = request.getSecurityContext();
            if (caller == null || caller.getUserPrincipal() == null) {
                request.abortWith(Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED,
                        "Unauthenticated", "Authentication required: HTTP Basic with the username and password of "
                                + "a hub user"))
                        .header(HttpHeaders.WWW_AUTHENTICATE, HubAuthentication.CHALLENGE).build());
                return;
            }
            if (!access.admits(caller)) {
                request.abortWith(ApiError.response(Response.Status.FORBIDDEN, "Forbidden",
                        access.denial() != null ? access.denial() : "Your role may not do this"));
            }
        }
    }
}
