package org.originhub.registry.events;

import java.util.Objects;

/**
 * Who did something: a console or API user (by user name), a gateway (by certificate fingerprint, with its member
 * state), or the hub itself (scheduled work such as certificate expiry).
 */
public record Actor(Kind kind, String name, String memberCode) {

    public enum Kind {
        USER, GATEWAY, HUB
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    public static Actor user(String username) {
        return new Actor(Kind.USER, username, null);
    }

    public static Actor gateway(String certificateFingerprint, String memberCode) {
        return new Actor(Kind.GATEWAY, certificateFingerprint, memberCode);
    }

    public static Actor hub() {
        return new Actor(Kind.HUB, "hub", null);
    }

    @Override
    public String toString() {
        return kind == Kind.GATEWAY ? "gateway " + name + " (" + memberCode + ")" : name;
    }
}
