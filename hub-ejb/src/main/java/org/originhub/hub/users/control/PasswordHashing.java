package org.originhub.hub.users.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in a self-describing format,
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}, with a random 16-byte salt per hash. The
 * iterations travel with each hash, so they can be raised later: old hashes still verify, and
 * {@link #needsRehash(String)} tells the caller to store the password again after a successful login.
 *
 * <p>600,000 iterations by default: OWASP's figure for PBKDF2-HMAC-SHA256 (its 210,000 is for HMAC-SHA512). One
 * verification costs a sizeable fraction of a second of CPU by design, and HTTP Basic pays it on every API request.
 */
public final class PasswordHashing {

    public static final String ALGORITHM = "pbkdf2-sha256";
    /** Below this, a hasher refuses to be built (and the tests would not test what production does). */
    public static final int MINIMUM_ITERATIONS = 210_000;
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** A stored hash is trusted data, but a corrupted iteration count must not stall a login for minutes. */
    private static final int MAXIMUM_ITERATIONS = 10_000_000;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final byte[] DUMMY_SALT = "origin-hub-dummy".getBytes(StandardCharsets.US_ASCII);

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHashing() {
        this(DEFAULT_ITERATIONS);
    }

    public PasswordHashing(int iterations) {
        if (iterations < MINIMUM_ITERATIONS || iterations > MAXIMUM_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between " + MINIMUM_ITERATIONS + " and "
                    + MAXIMUM_ITERATIONS + ", not " + iterations);
        }
        this.iterations = iterations;
    }

    public int iterations() {
        return iterations;
    }

    /** A new hash of {@code password} with a fresh salt and this hasher's iterations. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BYTES);
        return ALGORITHM + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches {@code stored}, compared in constant time. A stored value that is not a hash
     * of this format never matches.
     */
    public boolean verify(String password, String stored) {
        Stored parsed = Stored.parse(stored);
        if (parsed == null || password == null) {
            return false;
        }
        byte[] candidate = derive(password, parsed.salt(), parsed.iterations(), parsed.hash().length);
        return MessageDigest.isEqual(candidate, parsed.hash());
    }

    /**
     * Spends the time of one verification and discards the result, so that an unknown username takes as long to
     * refuse as a wrong password (no user enumeration by timing).
     */
    public void verifyNothing(String password) {
        derive(password == null ? "" : password, DUMMY_SALT, iterations, HASH_BYTES);
    }

    /** True when {@code stored} was made with weaker parameters than this hasher's (or cannot be read). */
    public boolean needsRehash(String stored) {
        Stored parsed = Stored.parse(stored);
        return parsed == null || parsed.iterations() < iterations;
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(JCA_ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(JCA_ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** The parts of a stored hash, or null when it is not one. */
    private record Stored(int iterations, byte[] salt, byte[] hash) {

        static Stored parse(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\$", -1);
            if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
                return null;
            }
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = DECODER.decode(parts[2]);
                byte[] hash = DECODER.decode(parts[3]);
                if (iterations < 1 || iterations > MAXIMUM_ITERATIONS || salt.length < SALT_BYTES
                        || hash.length < HASH_BYTES) {
                    return null;
                }
                return new Stored(iterations, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
