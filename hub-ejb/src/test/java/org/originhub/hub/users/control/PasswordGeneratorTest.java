package org.originhub.hub.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    @Test
    void generatedPasswordsAreLongUnambiguousAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = PasswordGenerator.generate();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z2-9]+").doesNotContain("0", "O",
                    "1", "l", "I");
            assertThat(PasswordPolicy.problemWith("admin", password)).isEmpty();
            seen.add(password);
        }
        assertThat(seen).hasSize(200);
    }
}
