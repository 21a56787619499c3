package org.originhub.registry.memberstates.boundary;

import java.time.Instant;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.memberstates.entity.MemberStatus;

/** A member state as the edges show it. */
public record MemberStateView(String code, String name, MemberStatus status, Instant createdAt,
        Instant statusChangedAt) {

    static MemberStateView of(MemberState m) {
        return new MemberStateView(m.code().value(), m.name(), m.status(), m.createdAt(), m.statusChangedAt());
    }
}
