package org.originhub.registry.cache.boundary;

import jakarta.persistence.EntityManager;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.cache.control.VersionedEntries.Generation;
import org.originhub.registry.cache.entity.AgreementFacts;
import org.originhub.registry.cache.entity.GatewayFacts;
import org.originhub.registry.cache.entity.MemberFacts;
import org.originhub.registry.certificates.control.CertificateDecoder;
import org.originhub.registry.certificates.entity.AnchorStatus;
import org.originhub.registry.certificates.entity.TrustAnchor;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.gateways.boundary.SenderCheck;
import org.originhub.registry.gateways.boundary.SenderFacts;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.memberstates.entity.MemberState;

/**
 * The registry at the version one transaction read ({@link RegistryReads#current}): answers from what this node keeps
 * for that version, and loads what it lacks through the caller's EntityManager. Verdicts that depend on the time (a
 * certificate's validity, an agreement in force) are decided at each call from the kept dates.
 */
public final class RegistryView {

    private record SenderKey(String fingerprint) {
    }

    private record GatewayKey(Long id) {
    }

    private record MemberKey(String code) {
    }

    private record AgreementKey(String code) {
    }

    private record AnchorsKey() {
    }

    private record SigningKey(Long gatewayId) {
    }

    private final Generation generation;
    private final EntityManager em;

    RegistryView(Generation generation, EntityManager em) {
        this.generation = generation;
        this.em = em;
    }

    public long version() {
        return generation.version();
    }

    /** Who signed with this certificate, and may they exchange at {@code at}? */
    public SenderCheck sender(String fingerprint, Instant at) {
        Optional<SenderFacts> facts = generation.get(new SenderKey(fingerprint),
                () -> Optional.ofNullable(Gateways.senderFacts(em, fingerprint)));
        return SenderCheck.of(fingerprint, facts.orElse(null), at);
    }

    /** The certificates of the ACTIVE trust anchors. */
    public List<X509Certificate> trustAnchors() {
        return generation.get(new AnchorsKey(), () -> em.createNamedQuery(TrustAnchor.ACTIVE, TrustAnchor.class)
                .setParameter("status", AnchorStatus.ACTIVE).getResultList().stream()
                .map(a -> CertificateDecoder.certificate(a.der())).toList());
    }

    public Optional<GatewayFacts> gateway(Long id) {
        return generation.get(new GatewayKey(id),
                () -> Optional.ofNullable(id == null ? null : em.find(Gateway.class, id)).map(GatewayFacts::of));
    }

    /** The fingerprints a gateway may sign with (its ACTIVE and STAGED certificates), for checking its answers. */
    public Set<String> signingCertificates(Long gatewayId) {
        return generation.get(new SigningKey(gatewayId), () -> Set.copyOf(em.createNamedQuery(
                GatewayCertificate.OF_GATEWAY_IN_STATUSES, GatewayCertificate.class).setParameter("gateway", gatewayId)
                .setParameter("statuses", List.of(CertificateStatus.ACTIVE, CertificateStatus.STAGED))
                .getResultList().stream().map(GatewayCertificate::fingerprint).toList()));
    }

    /** A member state with its gateways (lowest id first), if registered. */
    public Optional<MemberFacts> member(String code) {
        return generation.get(new MemberKey(code), () -> Optional.ofNullable(em.find(MemberState.class, code))
                .map(m -> new MemberFacts(m.code().value(), m.status(), em.createNamedQuery(Gateway.OF_MEMBER,
                        Gateway.class).setParameter("member", code).getResultList().stream().map(GatewayFacts::of)
                        .sorted(Comparator.comparing(GatewayFacts::id)).toList())));
    }

    public Optional<AgreementFacts> agreement(String code) {
        return generation.get(new AgreementKey(code), () -> em.createNamedQuery(Agreement.BY_CODE, Agreement.class)
                .setParameter("code", code).getResultStream().findFirst().map(AgreementFacts::of));
    }
}
