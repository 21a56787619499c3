package org.originhub.hub.users.control;

import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must satisfy: at least {@value #MINIMUM_LENGTH} characters (length over composition rules, as
 * NIST SP 800-63B recommends), at most {@value #MAXIMUM_LENGTH}, and not the username.
 */
public final class PasswordPolicy {

    public static final int MINIMUM_LENGTH = 12;
    /** Bounds the hashing work one request can ask for. */
    public static final int MAXIMUM_LENGTH = 256;

    private PasswordPolicy() {
    }

    /** Why {@code password} is not acceptable for {@code username}, or empty when it is. */
    public static Optional<String> problemWith(String username, String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("the password is empty");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MINIMUM_LENGTH) {
            return Optional.of("the password must have at least " + MINIMUM_LENGTH + " characters");
        }
        if (length > MAXIMUM_LENGTH) {
            return Optional.of("the password must have at most " + MAXIMUM_LENGTH + " characters");
        }
        if (username != null && password.strip().toLowerCase(Locale.ROOT)
                .equals(username.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("the password must not be the username");
        }
        return Optional.empty();
    }
}
