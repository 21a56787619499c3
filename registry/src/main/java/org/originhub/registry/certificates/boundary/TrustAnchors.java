package org.originhub.registry.certificates.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.originhub.registry.certificates.control.AcceptedAnchor;
import org.originhub.registry.certificates.control.AcceptedCertificate;
import org.originhub.registry.certificates.control.AcceptedCrl;
import org.originhub.registry.certificates.control.CertificateDecoder;
import org.originhub.registry.certificates.control.CertificatePolicy;
import org.originhub.registry.certificates.control.CertificateRejectedException;
import org.originhub.registry.certificates.control.CrlRejectedException;
import org.originhub.registry.certificates.control.RevokedEntry;
import org.originhub.registry.certificates.control.TrustMaterial;
import org.originhub.registry.certificates.entity.AnchorStatus;
import org.originhub.registry.certificates.entity.CertificateFingerprint;
import org.originhub.registry.certificates.entity.RevocationList;
import org.originhub.registry.certificates.entity.RevokedSerial;
import org.originhub.registry.certificates.entity.TrustAnchor;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;

/**
 * Trust anchors and their CRLs, and the one place where gateway and signer certificates are checked against them
 * (the certificate policy with the registry's current trust material and duplicate knowledge). The features that
 * keep certificates learn of revocations and answer the duplicate question through events ({@link CrlImported},
 * {@link CertificateInUse}), so that this feature imports none of them.
 */
@Stateless
public class TrustAnchors {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<RegistryChanged> changes;

    @Inject
    Event<CrlImported> crlImports;

    @Inject
    Event<CertificateInUse> inUse;

    Clock clock = Clock.systemUTC();

    public TrustAnchorView importAnchor(Actor actor, String name, byte[] encoded) {
        AcceptedAnchor accepted;
        try {
            accepted = CertificatePolicy.checkAnchor(encoded, fingerprint -> anchorExists(fingerprint.hex()),
                    clock.instant());
        } catch (CertificateRejectedException e) {
            throw Certificates.rejected(e);
        }
        TrustAnchor anchor = new TrustAnchor(name, Certificates.data(accepted.facts(), accepted.der()),
                actor.name(), clock.instant());
        em.persist(anchor);
        em.flush();
        changes.fire(RegistryChanged.of(actor, RegistryAction.TRUST_ANCHOR_IMPORTED, "TrustAnchor",
                anchor.fingerprint(), null, "name=" + anchor.name() + " subject=" + anchor.subject()));
        return TrustAnchorView.of(anchor);
    }

    public TrustAnchorView retire(Actor actor, Long id, String reason) {
        TrustAnchor anchor = entity(id);
        em.lock(anchor, LockModeType.PESSIMISTIC_WRITE);
        anchor.retire();
        changes.fire(RegistryChanged.of(actor, RegistryAction.TRUST_ANCHOR_RETIRED, "TrustAnchor",
                anchor.fingerprint(), null, reason));
        return TrustAnchorView.of(anchor);
    }

    /**
     * Imports a CRL issued by the anchor. Registered gateway certificates and signers whose serial it lists are
     * revoked at once. A CRL older than the newest one already imported is refused (a replayed list must not
     * override a newer one).
     */
    public CrlView importCrl(Actor actor, Long anchorId, byte[] encoded) {
        TrustAnchor anchor = entity(anchorId);
        em.lock(anchor, LockModeType.PESSIMISTIC_WRITE);
        AcceptedCrl crl;
        try {
            crl = CertificatePolicy.checkCrl(encoded, CertificateDecoder.certificate(anchor.der()), clock.instant());
        } catch (CrlRejectedException e) {
            throw Certificates.rejected(e);
        }
        Instant newest = em.createQuery("SELECT MAX(l.thisUpdate) FROM RevocationList l WHERE l.anchorId = :anchor",
                Instant.class).setParameter("anchor", anchorId).getSingleResult();
        if (newest != null && crl.thisUpdate().isBefore(newest)) {
            throw new ConflictException("CrlOutdated", "This CRL of " + anchor.name() + " was issued "
                    + crl.thisUpdate() + ", before the one already imported (" + newest + ")");
        }
        RevocationList list = new RevocationList(anchorId, crl.thisUpdate(), crl.nextUpdate(), crl.revoked().size(),
                encoded, actor.name(), clock.instant());
        em.persist(list);
        em.flush();
        for (RevokedEntry entry : crl.revoked()) {
            if (em.find(RevokedSerial.class, new RevokedSerial.Key(anchorId, entry.serialHex())) == null) {
                em.persist(new RevokedSerial(anchorId, entry.serialHex(), entry.revokedAt(),
                        entry.reason() == null ? null : entry.reason().name(), list.id()));
            }
        }
        changes.fire(RegistryChanged.of(actor, RegistryAction.CRL_IMPORTED, "TrustAnchor", anchor.fingerprint(),
                null, "thisUpdate=" + crl.thisUpdate() + " entries=" + crl.revoked().size()));
        List<String> revoked = revokeRegistered(actor, anchor, crl.revoked());
        return new CrlView(anchorId, crl.thisUpdate(), crl.nextUpdate(), crl.revoked().size(), revoked);
    }

    /**
     * The gateway certificates and signers under this anchor whose serial the CRL lists are revoked by their own
     * features, which observe the event in this transaction: gateway certificates first, then signers.
     */
    private List<String> revokeRegistered(Actor actor, TrustAnchor anchor, List<RevokedEntry> entries) {
        CrlImported imported = new CrlImported(actor, anchor.id(), anchor.name(),
                entries.stream().map(RevokedEntry::serialHex).collect(Collectors.toSet()), clock.instant());
        crlImports.fire(imported);
        return imported.revokedFingerprints();
    }

    public List<TrustAnchorView> list() {
        return em.createNamedQuery(TrustAnchor.ALL, TrustAnchor.class).getResultList().stream()
                .map(TrustAnchorView::of).toList();
    }

    public TrustAnchorView find(Long id) {
        return TrustAnchorView.of(entity(id));
    }

    /**
     * Checks a new gateway or signer certificate: the policy's rules, against the active anchors and imported CRLs,
     * and not registered already (as a gateway certificate, a signer, or in an open request).
     */
    public CheckedCertificate checkCertificate(byte[] encoded, Instant at) {
        return check(encoded, at, fingerprint -> inUse(fingerprint, true));
    }

    /** The same check when an open request is approved (its own open request does not count as a duplicate). */
    public CheckedCertificate recheckCertificate(byte[] der, Instant at) {
        return check(der, at, fingerprint -> inUse(fingerprint, false));
    }

    private CheckedCertificate check(byte[] encoded, Instant at, Predicate<CertificateFingerprint> duplicate) {
        List<TrustAnchor> anchors = activeAnchors();
        try {
            AcceptedCertificate accepted = CertificatePolicy.check(encoded, trustMaterial(anchors), duplicate, at);
            Long anchorId = anchors.stream().filter(a -> a.fingerprint().equals(accepted.anchor().hex()))
                    .map(TrustAnchor::id).findFirst().orElseThrow();
            return new CheckedCertificate(Certificates.data(accepted), anchorId);
        } catch (CertificateRejectedException e) {
            throw Certificates.rejected(e);
        }
    }

    /** The certificates of the active anchors, for the security pipeline's chain check. */
    public List<X509Certificate> activeAnchorCertificates() {
        return activeAnchors().stream().map(a -> CertificateDecoder.certificate(a.der())).toList();
    }

    private TrustMaterial trustMaterial(List<TrustAnchor> anchors) {
        Map<Long, CertificateFingerprint> fingerprints = new HashMap<>();
        anchors.forEach(a -> fingerprints.put(a.id(), CertificateFingerprint.parse(a.fingerprint())));
        TrustMaterial material = TrustMaterial.of(anchors.stream()
                .map(a -> CertificateDecoder.certificate(a.der())).toList());
        Map<Long, List<RevokedEntry>> revoked = new HashMap<>();
        for (RevokedSerial serial : em.createNamedQuery(RevokedSerial.OF_ACTIVE_ANCHORS, RevokedSerial.class)
                .getResultList()) {
            revoked.computeIfAbsent(serial.anchorId(), k -> new ArrayList<>())
                    .add(new RevokedEntry(serial.serialNumber(), serial.revokedAt(), null));
        }
        for (Map.Entry<Long, List<RevokedEntry>> entry : revoked.entrySet()) {
            CertificateFingerprint anchor = fingerprints.get(entry.getKey());
            if (anchor != null) {
                material = material.withRevocations(anchor, entry.getValue());
            }
        }
        return material;
    }

    private List<TrustAnchor> activeAnchors() {
        return em.createNamedQuery(TrustAnchor.ACTIVE, TrustAnchor.class).setParameter("status", AnchorStatus.ACTIVE)
                .getResultList();
    }

    private boolean anchorExists(String fingerprint) {
        return !em.createNamedQuery(TrustAnchor.BY_FINGERPRINT, TrustAnchor.class)
                .setParameter("fingerprint", fingerprint).getResultList().isEmpty();
    }

    private boolean inUse(CertificateFingerprint fingerprint, boolean openRequestsCount) {
        CertificateInUse question = new CertificateInUse(fingerprint.hex(), openRequestsCount);
        inUse.fire(question);
        return question.taken();
    }

    private TrustAnchor entity(Long id) {
        TrustAnchor anchor = id == null ? null : em.find(TrustAnchor.class, id);
        if (anchor == null) {
            throw new NotFoundException("UnknownTrustAnchor", "No trust anchor with id " + id);
        }
        return anchor;
    }
}
