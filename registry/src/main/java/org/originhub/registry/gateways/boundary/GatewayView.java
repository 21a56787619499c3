package org.originhub.registry.gateways.boundary;

import java.time.Instant;
import java.util.List;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayStatus;

/** A gateway as the edges show it. */
public record GatewayView(Long id, String memberCode, String name, DeliveryMode deliveryMode, String endpointUrl,
        GatewayStatus status, List<String> permissions, Instant createdAt) {

    public static GatewayView of(Gateway g) {
        return new GatewayView(g.id(), g.memberCode().value(), g.name(), g.deliveryMode(), g.endpointUrl(),
                g.status(), g.permissions().stream().map(DocumentPermission::toString).sorted().toList(),
                g.createdAt());
    }
}
