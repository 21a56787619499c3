package org.originhub.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** The username and password of an {@code Authorization: Basic} header (RFC 7617; UTF-8, as current clients send). */
record BasicCredentials(String username, String password) {

    private static final String SCHEME = "basic ";
    /** Longer headers are not credentials of a hub user (usernames have 64 characters, passwords 256 at most). */
    private static final int MAXIMUM_HEADER_LENGTH = 2048;

    /** The credentials in {@code header}, or empty when it is absent, of another scheme, or malformed. */
    static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() > MAXIMUM_HEADER_LENGTH
                || !header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(SCHEME.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + "]";
    }
}
