package org.originhub.registry.gateways.boundary;

import java.time.Instant;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.gateways.entity.GatewayStatus;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.memberstates.entity.MemberStatus;

/**
 * What the sender check decides on, as read from the registry: a registered certificate, its gateway and the
 * gateway's member state. Immutable, so the registry read cache may keep it; the verdict depends on the time and is
 * computed at each use ({@link SenderCheck#of}), never kept.
 *
 * @param memberStatus null when the member state is not registered
 */
public record SenderFacts(CertificateStatus certificateStatus, Instant revokedAt, Instant notBefore, Instant notAfter,
        Long gatewayId, String gatewayName, String gateway, GatewayStatus gatewayStatus, String memberCode,
        MemberStatus memberStatus) {

    public static SenderFacts of(GatewayCertificate certificate, Gateway gateway, MemberState member) {
        return new SenderFacts(certificate.status(), certificate.revokedAt(), certificate.notBefore(),
                certificate.notAfter(), gateway.id(), gateway.name(), gateway.toString(), gateway.status(),
                gateway.memberCode().value(), member == null ? null : member.status());
    }
}
