package org.originhub.hub.configuration.entity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One start of a hub node: its {@link NodeName} and an id drawn at start. Delivery claims name the incarnation that
 * holds them, so that a node that starts again can release what its previous incarnation held (same name, other start
 * id), and the survivors can release what a node that left the data grid held (exactly its incarnation). Written
 * {@code name/startId}.
 */
public record NodeIncarnation(NodeName node, String startId) {

    /** Length of a start id: 16 hex digits (64 random bits). */
    public static final int START_ID_LENGTH = 16;
    private static final Pattern START_ID = Pattern.compile("[0-9a-f]{" + START_ID_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public NodeIncarnation {
        Objects.requireNonNull(node, "node");
        if (startId == null || !START_ID.matcher(startId).matches()) {
            throw new IllegalArgumentException("a start id is " + START_ID_LENGTH + " lower-case hex digits");
        }
    }

    /** A new start of {@code node}, with a fresh random start id. */
    public static NodeIncarnation startOf(NodeName node) {
        byte[] id = new byte[START_ID_LENGTH / 2];
        RANDOM.nextBytes(id);
        return new NodeIncarnation(node, HexFormat.of().formatHex(id));
    }

    /** The incarnation written as {@link #toString()} does. */
    public static NodeIncarnation parse(String text) {
        int slash = text == null ? -1 : text.lastIndexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("not a node incarnation: " + text);
        }
        return new NodeIncarnation(new NodeName(text.substring(0, slash)), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return node.value() + "/" + startId;
    }
}
