package org.originhub.soap.registry;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import org.originhub.registry.cache.boundary.RegistryReads;
import org.originhub.registry.cache.boundary.SenderTrust;
import org.originhub.registry.gateways.boundary.SenderCheck;
import org.originhub.soap.security.SenderDirectory;
import org.originhub.soap.security.SenderStanding;
import org.originhub.soap.security.SenderStanding.Status;

/**
 * The security pipeline's view of the registry: the active trust anchors and, per signing certificate, whether it
 * belongs to a gateway that may exchange now. Both come from the registry read cache, which checks the registry
 * version in the database once for every message, so a revocation, suspension or new anchor applies to the very next one
 * on every node.
 */
public class RegistrySenderDirectory implements SenderDirectory {

    private final RegistryReads registry;
    private final Clock clock;

    public RegistrySenderDirectory(RegistryReads registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Collection<X509Certificate> trustAnchors() {
        return registry.trustAnchors();
    }

    @Override
    public SenderStanding lookup(String sha256LowerHex) {
        return standing(registry.checkSender(sha256LowerHex, clock.instant()));
    }

    /** Both answers from one read of the registry version. */
    @Override
    public Trust trust(String sha256LowerHex) {
        SenderTrust trust = registry.senderTrust(sha256LowerHex, clock.instant());
        return new Trust(trust.trustAnchors(), standing(trust.check()));
    }

    private static SenderStanding standing(SenderCheck check) {
        String gateway = check.gatewayId() == null ? null : check.gatewayId().toString();
        return switch (check.verdict()) {
            case ACCEPTED -> SenderStanding.active(check.memberCode(), gateway);
            case UNKNOWN_CERTIFICATE -> SenderStanding.unknown();
            case CERTIFICATE_REVOKED -> SenderStanding.refused(Status.REVOKED, check.memberCode(), gateway);
            case CERTIFICATE_SUPERSEDED -> SenderStanding.refused(Status.SUPERSEDED, check.memberCode(), gateway);
            case CERTIFICATE_EXPIRED -> SenderStanding.refused(Status.EXPIRED, check.memberCode(), gateway);
            case GATEWAY_SUSPENDED -> SenderStanding.refused(Status.GATEWAY_SUSPENDED, check.memberCode(), gateway);
            case MEMBER_NOT_ACTIVE -> SenderStanding.refused(check.memberWithdrawn() ? Status.MEMBER_WITHDRAWN
                    : Status.MEMBER_SUSPENDED, check.memberCode(), gateway);
        };
    }
}
