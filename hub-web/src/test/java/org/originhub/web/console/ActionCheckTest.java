package org.originhub.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.inject.Named;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.console.users.LoginPage;

/** Deny by default for console actions: the interceptor's rule, and every console bean under it. */
class ActionCheckTest {

    static class Sample {

        @Allowed(ConsoleAction.MANAGE_USERS)
        public void createUser() {
        }

        public void forgotten() {
        }

        public String getName() {
            return "";
        }

        public void setName(String name) {
        }

        public boolean isReady() {
            return true;
        }
    }

    @Test
    void anActionRunsOnlyForTheRolesItNames() throws Exception {
        Method create = Sample.class.getMethod("createUser");

        assertThatCode(() -> ActionCheck.requirePermitted(create, role -> role == Role.SECRETARIAT_ADMIN))
                .doesNotThrowAnyException();
        for (Role other : new Role[] {Role.OPERATOR, Role.AUDITOR, Role.MEMBER_AUDITOR}) {
            assertThatThrownBy(() -> ActionCheck.requirePermitted(create, role -> role == other))
                    .isInstanceOf(ConsoleForbiddenException.class).hasMessage("Your role may not do this");
        }
        assertThatThrownBy(() -> ActionCheck.requirePermitted(create, role -> false))
                .isInstanceOf(ConsoleForbiddenException.class);
    }

    @Test
    void aMethodWithoutARuleIsClosedToEverybodyButAccessorsPass() throws Exception {
        assertThatThrownBy(() -> ActionCheck.requirePermitted(Sample.class.getMethod("forgotten"), role -> true))
                .isInstanceOf(ConsoleForbiddenException.class).hasMessageContaining("declares no access rule");
        for (Method accessor : new Method[] {Sample.class.getMethod("getName"),
            Sample.class.getMethod("setName", String.class), Sample.class.getMethod("isReady"),
            Object.class.getMethod("toString")}) {
            assertThatCode(() -> ActionCheck.requirePermitted(accessor, role -> false)).as(accessor.getName())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyConsoleBeanIsGuardedAndEachOfItsActionsNamesItsRule() throws Exception {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.originhub.web.console");
        Set<Class<?>> open = Set.of(LoginPage.class, Caller.class);
        List<String> unguarded = new ArrayList<>();
        List<String> withoutRule = new ArrayList<>();
        int actions = 0;
        for (JavaClass javaClass : classes) {
            if (!javaClass.isAnnotatedWith(Named.class)) {
                continue;
            }
            Class<?> bean = Class.forName(javaClass.getName());
            if (open.contains(bean)) {
                continue;
            }
            if (!bean.isAnnotationPresent(Guarded.class)) {
                unguarded.add(bean.getName());
            }
            for (Method method : bean.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !ActionCheck.isAccessor(method)) {
                    actions++;
                    if (!method.isAnnotationPresent(Allowed.class)) {
                        withoutRule.add(bean.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertThat(unguarded).as("console beans without @Guarded").isEmpty();
        assertThat(withoutRule).as("console actions without @Allowed (they would be refused to everybody)").isEmpty();
        assertThat(actions).as("the scan found the console's actions").isGreaterThan(20);
    }
}
