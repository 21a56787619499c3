package org.originhub.registry.cache.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.events.RegistryChangedElsewhere;

/** A change that ends here, or is relayed from another node, empties the cache; a refusal does not. */
class RegistryCacheTest {

    private final RegistryCache cache = new RegistryCache();

    @Test
    void aChangeRelayedFromAnotherNodeEmptiesTheCache() {
        cache.at(3).get("key", () -> "value");

        cache.changedElsewhere(new RegistryChangedElsewhere("node-2", "change committed elsewhere"));

        assertThat(cache.at(3).size()).isZero();
    }

    @Test
    void aLocalChangeEmptiesTheCacheButARefusalDoesNot() {
        cache.at(3).get("key", () -> "value");

        cache.changedHere(RegistryChanged.refusal(Actor.user("x"), RegistryAction.REGISTRATION_REQUEST_REFUSED,
                "RegistrationRequest", 1, "KE", "bad code"));
        assertThat(cache.at(3).size()).isEqualTo(1);

        cache.changedHere(RegistryChanged.of(Actor.user("admin"), RegistryAction.GATEWAY_SUSPENDED, "Gateway", 1,
                "KE", "incident"));
        assertThat(cache.at(3).size()).isZero();
    }
}
