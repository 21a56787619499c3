package org.originhub.web.security;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.originhub.hub.users.entity.Role;

/**
 * Every REST operation of the WAR, found by reflection (classes with {@code @Path}, methods with an HTTP method
 * annotation), with the access rule it declares: for the authorization sweeps, so a new endpoint is swept the day it
 * is added.
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /**
     * One operation: HTTP method, path under the application root ({@code /api/...}, templates kept), the Java method,
     * and who may call it (null rule: none declared).
     */
    public record Route(String httpMethod, String path, Method method, Rule rule) {

        /** The path with every template parameter filled with a harmless value. */
        public String concretePath() {
            return path.replaceAll("\\{[^}]+}", "XX");
        }

        /** The roles that must be refused (403): all of them when nobody may call it. */
        public Set<String> refusedRoles() {
            Set<String> refused = new LinkedHashSet<>();
            for (Role role : Role.values()) {
                if (rule == null || rule.denyAll() || (!rule.anyUser() && !rule.roles().contains(role.name()))) {
                    refused.add(role.name());
                }
            }
            return refused;
        }

        @Override
        public String toString() {
            return httpMethod + " " + path + " (" + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + ")";
        }
    }

    /** The declared access rule: listed roles, any signed-in user, or nobody. */
    public record Rule(Set<String> roles, boolean anyUser, boolean denyAll) {
    }

    /** Every operation of the REST API, sorted by path and method. */
    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        String root = applicationPath();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub.web")) {
            if (!type.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = type.reflect();
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = join(join(root, base), sub == null ? "" : sub.value());
                routes.add(new Route(http, path, method, rule(method, resource)));
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::httpMethod));
        return routes;
    }

    private static String applicationPath() {
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub.web")) {
            if (type.isAnnotatedWith(ApplicationPath.class)) {
                return "/" + type.reflect().getAnnotation(ApplicationPath.class).value();
            }
        }
        throw new IllegalStateException("no @ApplicationPath in org.originhub.web");
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static Rule rule(Method method, Class<?> resource) {
        Rule declared = declared(method);
        return declared != null ? declared : declared(resource);
    }

    private static Rule declared(AnnotatedElement element) {
        if (element.isAnnotationPresent(DenyAll.class)) {
            return new Rule(Set.of(), false, true);
        }
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            return new Rule(Set.of(roles.value()), false, false);
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return new Rule(Set.of(), true, false);
        }
        return null;
    }

    private static String join(String a, String b) {
        String left = a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
        String right = b.startsWith("/") ? b.substring(1) : b;
        return right.isEmpty() ? left : left + "/" + right;
    }
}
