package org.originhub.hub.configuration.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name a hub node answers under: GetHubInfo's node id, the {@code Origin-Hub-Node} response header, the console's
 * "answered by", the {@code hub_start} record and the delivery claims it holds. Operators set it with
 * {@code HUB_NODE_NAME} (the launcher sets {@code node-K}); it is then published as it is, so it must be a short token
 * that is safe in a header, a log line and a SQL column: 1 to {@value #MAX_LENGTH} letters, digits, dots and dashes,
 * starting with a letter or digit. Unset, a node is named by a digest of its process ({@link #digestOf}), which hides
 * the process id and host name from anonymous callers.
 */
public record NodeName(String value) {

    public static final int MAX_LENGTH = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0," + (MAX_LENGTH - 1) + "}");

    public NodeName {
        Objects.requireNonNull(value, "value");
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("a hub node name is 1 to " + MAX_LENGTH + " letters, digits, dots "
                    + "and dashes, starting with a letter or digit; not \"" + printable(value) + "\"");
        }
    }

    /** The configured name ({@code HUB_NODE_NAME}), validated. */
    public static NodeName of(String configured) {
        return new NodeName(configured.strip());
    }

    /**
     * The default name of a process that was given none: {@code node-} and 12 hex digits of the SHA-256 of its
     * internal name ({@code pid@host}), so callers can tell nodes apart without learning the process or the host.
     */
    public static NodeName digestOf(String internalName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(internalName.getBytes(StandardCharsets.UTF_8));
            return new NodeName("node-" + HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the Java runtime", e);
        }
    }

    /** A refused value as it may appear in an error message: control characters shown as '?', clipped. */
    private static String printable(String value) {
        String shown = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() <= 40 ? shown : shown.substring(0, 40) + "...";
    }

    @Override
    public String toString() {
        return value;
    }
}
