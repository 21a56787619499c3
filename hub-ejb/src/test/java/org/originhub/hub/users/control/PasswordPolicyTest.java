package org.originhub.hub.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void twelveCharactersAreEnough() {
        assertThat(PasswordPolicy.problemWith("alice", "twelve chars")).isEmpty();
        assertThat(PasswordPolicy.problemWith("alice", "eleven char")).hasValueSatisfying(
                problem -> assertThat(problem).contains("at least 12"));
    }

    @Test
    void thePasswordMustNotBeTheUsername() {
        assertThat(PasswordPolicy.problemWith("administrator", "Administrator")).hasValueSatisfying(
                problem -> assertThat(problem).contains("username"));
    }

    @Test
    void emptyAndHugePasswordsAreRefused() {
        assertThat(PasswordPolicy.problemWith("alice", null)).isPresent();
        assertThat(PasswordPolicy.problemWith("alice", "             ")).isPresent();
        assertThat(PasswordPolicy.problemWith("alice", "x".repeat(257))).isPresent();
        assertThat(PasswordPolicy.problemWith("alice", "x".repeat(256))).isEmpty();
    }
}
