package org.originhub.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.originhub.web.security.RoleEnforcement.Access;

class RoleEnforcementTest {

    @Test
    void aMethodWithoutAnAccessRuleIsClosedToEverybody() throws NoSuchMethodException {
        Access access = access(Unannotated.class, "read");

        assertThat(access.admits(caller("admin", "SECRETARIAT_ADMIN"))).isFalse();
        assertThat(access.denial()).contains("no access rule");
    }

    @Test
    void rolesAllowedAdmitsTheListedRolesOnly() throws NoSuchMethodException {
        Access access = access(Annotated.class, "administer");

        assertThat(access.admits(caller("admin", "SECRETARIAT_ADMIN"))).isTrue();
        assertThat(access.admits(caller("auditor", "AUDITOR"))).isFalse();
    }

    @Test
    void theMethodsRuleComesBeforeItsClasssRule() throws NoSuchMethodException {
        assertThat(access(Annotated.class, "inheritsClassRule").admits(caller("auditor", "AUDITOR"))).isTrue();
        assertThat(access(Annotated.class, "inheritsClassRule").admits(caller("operator", "OPERATOR"))).isFalse();
        assertThat(access(Annotated.class, "closed").admits(caller("auditor", "AUDITOR"))).isFalse();
        assertThat(access(Annotated.class, "anyUser").admits(caller("operator", "OPERATOR"))).isTrue();
    }

    @Test
    void everyApiResourceMethodDeclaresWhoMayCallIt() {
        List<String> undeclared = new ArrayList<>();
        for (JavaClass resource : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.originhub.web")) {
            if (!resource.isAnnotatedWith(Path.class)) {
                continue;
            }
            boolean classRule = hasRule(resource.isAnnotatedWith(RolesAllowed.class),
                    resource.isAnnotatedWith(PermitAll.class), resource.isAnnotatedWith(DenyAll.class));
            for (JavaMethod method : resource.getMethods()) {
                boolean endpoint = method.getAnnotations().stream().anyMatch(
                        a -> a.getRawType().isAnnotatedWith(HttpMethod.class)) || method.isAnnotatedWith(Path.class);
                if (endpoint && !classRule && !hasRule(method.isAnnotatedWith(RolesAllowed.class),
                        method.isAnnotatedWith(PermitAll.class), method.isAnnotatedWith(DenyAll.class))) {
                    undeclared.add(method.getFullName());
                }
            }
        }
        assertThat(undeclared).as("resource methods without @RolesAllowed, @PermitAll or @DenyAll").isEmpty();
    }

    private static boolean hasRule(boolean... annotations) {
        for (boolean present : annotations) {
            if (present) {
                return true;
            }
        }
        return false;
    }

    private static Access access(Class<?> type, String method) throws NoSuchMethodException {
        Method m = type.getDeclaredMethod(method);
        return RoleEnforcement.access(m, type);
    }

    private static SecurityContext caller(String name, String... roles) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Set.of(roles).contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        };
    }

    static class Unannotated {
        void read() {
        }
    }

    @RolesAllowed("AUDITOR")
    static class Annotated {
        @RolesAllowed("SECRETARIAT_ADMIN")
        void administer() {
        }

        void inheritsClassRule() {
        }

        @DenyAll
        void closed() {
        }

        @PermitAll
        void anyUser() {
        }
    }
}
