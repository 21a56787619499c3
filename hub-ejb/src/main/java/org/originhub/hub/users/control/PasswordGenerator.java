package org.originhub.hub.users.control;

import java.security.SecureRandom;

/**
 * Random passwords for accounts nobody has chosen a password for yet (the first administrator). The alphabet leaves
 * out characters that are easily misread (0/O, 1/l/I), so a password copied from a log survives being typed.
 */
public final class PasswordGenerator {

    public static final int LENGTH = 24;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordGenerator() {
    }

    /** {@value #LENGTH} characters from a 57-character alphabet: about 140 bits. */
    public static String generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
