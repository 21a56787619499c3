package org.originhub.registry.directory.boundary;

import java.time.Instant;
import java.util.List;
import org.originhub.registry.agreements.boundary.AgreementView;

/** What gateways download and cache: everything they need to route and to check signatures, with its serial. */
public record DirectorySnapshot(long serial, Instant changedAt, Instant generatedAt, List<Member> members,
        List<AgreementView> agreements, List<GatewayEntry> gateways, List<Signer> signers) {

    public record Member(String code, String name) {
    }

    public record GatewayEntry(Long id, String memberCode, String name, String deliveryMode, List<String> permissions,
            String activeCertificate, String stagedCertificate) {
    }

    public record Signer(String memberCode, String authority, String name, String fingerprint, Instant validFrom,
            Instant validUntil, List<String> agreements) {
    }
}
