package org.originhub.hub.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void theConstantsAreExactlyTheRoleNames() throws IllegalAccessException {
        var constants = new java.util.ArrayList<String>();
        for (Field field : Roles.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertThat(field.get(null)).isEqualTo(field.getName());
                constants.add(field.getName());
            }
        }
        assertThat(constants).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Role.values()).map(Role::name).toList());
    }

    @Test
    void onlyAMemberAuditorHasAMemberCode() {
        assertThat(Role.MEMBER_AUDITOR.acceptsMemberCode("KE")).isTrue();
        assertThat(Role.MEMBER_AUDITOR.acceptsMemberCode(null)).isFalse();
        assertThat(Role.MEMBER_AUDITOR.acceptsMemberCode("ke")).isFalse();
        assertThat(Role.MEMBER_AUDITOR.acceptsMemberCode("KEN")).isFalse();
        for (Role role : new Role[] {Role.SECRETARIAT_ADMIN, Role.OPERATOR, Role.AUDITOR}) {
            assertThat(role.acceptsMemberCode(null)).isTrue();
            assertThat(role.acceptsMemberCode("KE")).isFalse();
        }
    }
}
