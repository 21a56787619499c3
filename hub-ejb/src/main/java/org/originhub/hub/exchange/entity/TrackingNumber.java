package org.originhub.hub.exchange.entity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The hub's tracking number of one envelope: {@code OH-} followed by 10 characters of the acceptance time in
 * milliseconds and 16 random characters (80 bits), both in Crockford's base 32. Opaque to gateways (the contract says
 * so); for the hub it is unique across nodes without coordination (the random part) and sorts roughly by acceptance
 * time (the fixed-width time part), which keeps index inserts near the end.
 *
 * @param value as printed, matching the envelope XSD's TrackingNumber pattern
 */
public record TrackingNumber(String value) {

    /** envelope-v1.xsd TrackingNumber: what the hub accepts from a gateway as a tracking number. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}");
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public TrackingNumber {
        Objects.requireNonNull(value, "value");
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("A tracking number has 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, not '" + value + "'");
        }
    }

    /** A new tracking number for an envelope accepted at {@code at}. */
    public static TrackingNumber next(Instant at) {
        StringBuilder text = new StringBuilder(29).append("OH-");
        long millis = at.toEpochMilli();
        for (int shift = 45; shift >= 0; shift -= 5) {
            text.append(ALPHABET[(int) (millis >>> shift) & 31]);
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int shift = 35; shift >= 0; shift -= 5) {
            text.append(ALPHABET[(int) (high >>> shift) & 31]);
        }
        for (int shift = 35; shift >= 0; shift -= 5) {
            text.append(ALPHABET[(int) (low >>> shift) & 31]);
        }
        return new TrackingNumber(text.toString());
    }

    /** Whether {@code text} could be a tracking number at all (for input checks, without an exception). */
    public static boolean isWellFormed(String text) {
        return text != null && PATTERN.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
