package org.originhub.registry.certificates.control;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.originhub.registry.certificates.entity.CertificateFingerprint;

/**
 * What a certificate is judged against: the trust anchors the registry holds as active, and the revoked serials
 * imported from each anchor's CRLs. The boundary builds it from the database for each check; it is an immutable value
 * so a check can never see a half-updated registry.
 *
 * <pre>
 * TrustMaterial trust = TrustMaterial.of(activeAnchorCertificates)
 *         .withRevocations(communityCa, revokedEntriesOfCommunityCa);
 * </pre>
 *
 * @param anchors the anchors whose registry status is active (an anchor out of its own validity is still ignored)
 * @param revocations revoked entries per anchor, keyed by the anchor's fingerprint
 */
public record TrustMaterial(List<X509Certificate> anchors,
        Map<CertificateFingerprint, List<RevokedEntry>> revocations) {

    public TrustMaterial {
        anchors = List.copyOf(anchors);
        Map<CertificateFingerprint, List<RevokedEntry>> copy = new HashMap<>();
        revocations.forEach((anchor, entries) -> copy.put(Objects.requireNonNull(anchor), List.copyOf(entries)));
        revocations = Map.copyOf(copy);
    }

    /** The active anchors, nothing revoked yet. */
    public static TrustMaterial of(Collection<X509Certificate> anchors) {
        return new TrustMaterial(List.copyOf(anchors), Map.of());
    }

    /** A copy that also knows these revoked entries of the anchor with the given fingerprint. */
    public TrustMaterial withRevocations(CertificateFingerprint anchor, Collection<RevokedEntry> entries) {
        Map<CertificateFingerprint, List<RevokedEntry>> more = new HashMap<>(revocations);
        List<RevokedEntry> merged = new ArrayList<>(more.getOrDefault(anchor, List.of()));
        merged.addAll(entries);
        more.put(anchor, merged);
        return new TrustMaterial(anchors, more);
    }

    /** The revocation of the certificate with this serial issued by this anchor, if its CRLs list it. */
    public Optional<RevokedEntry> revocation(CertificateFingerprint anchor, BigInteger serial) {
        String serialHex = CertificateFacts.serialHex(serial);
        return revocations.getOrDefault(anchor, List.of()).stream()
                .filter(entry -> entry.serialHex().equals(serialHex))
                .findFirst();
    }
}
