package org.originhub.registry.cache.entity;

import java.util.Set;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.Direction;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayStatus;

/** A gateway as routing decides on it (immutable, kept by the registry read cache). */
public record GatewayFacts(Long id, String memberCode, String name, DeliveryMode deliveryMode, String endpointUrl,
        GatewayStatus status, Set<DocumentPermission> permissions) {

    public GatewayFacts {
        permissions = Set.copyOf(permissions);
    }

    public static GatewayFacts of(Gateway g) {
        return new GatewayFacts(g.id(), g.memberCode().value(), g.name(), g.deliveryMode(), g.endpointUrl(),
                g.status(), g.permissions());
    }

    public boolean isActive() {
        return status == GatewayStatus.ACTIVE;
    }

    public boolean mayReceive(DocumentType type) {
        return permissions.contains(new DocumentPermission(Direction.RECEIVE, type));
    }

    public boolean maySend(DocumentType type) {
        return permissions.contains(new DocumentPermission(Direction.SEND, type));
    }

    @Override
    public String toString() {
        return memberCode + "/" + name;
    }
}
