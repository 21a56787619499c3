package org.originhub.registry.cache.entity;

import java.util.List;
import org.originhub.registry.memberstates.entity.MemberStatus;

/** A member state as routing decides on it, with its gateways by id (immutable, kept by the registry read cache). */
public record MemberFacts(String code, MemberStatus status, List<GatewayFacts> gateways) {

    public MemberFacts {
        gateways = List.copyOf(gateways);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }
}
