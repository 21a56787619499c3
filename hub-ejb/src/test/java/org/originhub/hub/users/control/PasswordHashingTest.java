package org.originhub.hub.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private static final int CHEAPEST = PasswordHashing.MINIMUM_ITERATIONS;
    private final PasswordHashing hashing = new PasswordHashing(CHEAPEST);

    @Test
    void aHashVerifiesItsOwnPasswordOnly() {
        String stored = hashing.hash("correct horse battery");

        assertThat(hashing.verify("correct horse battery", stored)).isTrue();
        assertThat(hashing.verify("correct horse batterY", stored)).isFalse();
        assertThat(hashing.verify("", stored)).isFalse();
        assertThat(hashing.verify(null, stored)).isFalse();
    }

    @Test
    void theStoredFormatNamesAlgorithmIterationsSaltAndHash() {
        String[] parts = hashing.hash("correct horse battery").split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo(String.valueOf(CHEAPEST));
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void theIterationsAreHonouredAndTravelWithTheHash() {
        PasswordHashing stronger = new PasswordHashing(CHEAPEST + 40_000);
        String old = hashing.hash("correct horse battery");
        String current = stronger.hash("correct horse battery");

        assertThat(current).startsWith("pbkdf2-sha256$" + (CHEAPEST + 40_000) + "$");
        // An old hash still verifies with its own iteration count, and is flagged for re-hashing.
        assertThat(stronger.verify("correct horse battery", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.needsRehash(current)).isFalse();
        // The iteration count is part of what is verified: the same salt and hash with another count fail.
        String tampered = current.replace("$" + (CHEAPEST + 40_000) + "$", "$" + CHEAPEST + "$");
        assertThat(stronger.verify("correct horse battery", tampered)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String first = hashing.hash("correct horse battery");
        String second = hashing.hash("correct horse battery");

        assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
        assertThat(first).isNotEqualTo(second);
        assertThat(hashing.verify("correct horse battery", second)).isTrue();
    }

    @Test
    void valuesThatAreNotHashesNeverMatch() {
        String stored = hashing.hash("correct horse battery");

        assertThat(hashing.verify("correct horse battery", null)).isFalse();
        assertThat(hashing.verify("correct horse battery", "correct horse battery")).isFalse();
        assertThat(hashing.verify("correct horse battery", stored.replace("pbkdf2-sha256", "pbkdf2-sha1")))
                .isFalse();
        assertThat(hashing.verify("correct horse battery", stored + "$x")).isFalse();
        assertThat(hashing.verify("correct horse battery", "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(hashing.needsRehash("plain")).isTrue();
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThatThrownBy(() -> new PasswordHashing(CHEAPEST - 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PasswordHashing().iterations()).isGreaterThanOrEqualTo(600_000);
    }
}
