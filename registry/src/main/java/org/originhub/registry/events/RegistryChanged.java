package org.originhub.registry.events;

import java.util.Objects;

/**
 * One change or decision in the registry: who, what, on which object (type and id, plus the member state concerned),
 * whether it succeeded, and a short detail. Never carries a certificate, key or secret: fingerprints and ids only.
 */
public record RegistryChanged(Actor actor, RegistryAction action, String objectType, String objectId,
        String memberCode, boolean refused, String detail) {

    public RegistryChanged {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
    }

    public static RegistryChanged of(Actor actor, RegistryAction action, String objectType, Object objectId,
            String memberCode, String detail) {
        return new RegistryChanged(actor, action, objectType, objectId == null ? null : objectId.toString(),
                memberCode, false, detail);
    }

    /** A request the registry refused (for example a registration without a valid onboarding code). */
    public static RegistryChanged refusal(Actor actor, RegistryAction action, String objectType, Object objectId,
            String memberCode, String detail) {
        return new RegistryChanged(actor, action, objectType, objectId == null ? null : objectId.toString(),
                memberCode, true, detail);
    }
}
