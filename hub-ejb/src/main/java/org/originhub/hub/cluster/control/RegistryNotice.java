package org.originhub.hub.cluster.control;

import java.util.Optional;
import org.originhub.hub.configuration.entity.NodeName;

/**
 * A registry change committed on one node, as it travels on the grid's topic: the node, what changed (for the log) and
 * when it committed (epoch milliseconds, to measure the propagation). Plain text, so that no application class has to
 * be deserialized on the grid's threads: {@code node LF reason LF millis}.
 */
public record RegistryNotice(NodeName node, String reason, long committedAtMillis) {

    static final int MAX_REASON = 200;

    public RegistryNotice {
        reason = reason == null ? "" : reason.replace('\n', ' ').replace('\r', ' ');
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
    }

    public String text() {
        return node.value() + "\n" + reason + "\n" + committedAtMillis;
    }

    /** The notice in {@code text}, or empty when it is not one (another version of the hub, a foreign publisher). */
    public static Optional<RegistryNotice> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\n", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RegistryNotice(new NodeName(parts[0]), parts[1], Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
