package org.originhub.registry.gateways.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.originhub.registry.certificates.boundary.CertificateInUse;
import org.originhub.registry.certificates.boundary.CheckedCertificate;
import org.originhub.registry.certificates.boundary.CrlImported;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.memberstates.entity.MemberState;

/**
 * Gateways and their certificates: what the secretariat does to them directly (suspend, reactivate, revoke, activate
 * a staged certificate), what approved requests apply, and the sender check of the security pipeline.
 */
@Stateless
public class Gateways {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<RegistryChanged> changes;

    @Inject
    MemberStates memberStates;

    Clock clock = Clock.systemUTC();

    /**
     * Revokes the gateway certificates (active, staged or superseded) under the anchor whose serial an imported CRL
     * lists, in the import's transaction; they come before the signers (lower priority value).
     */
    public void revokeListed(@Observes @Priority(Interceptor.Priority.APPLICATION) CrlImported crl) {
        em.createNamedQuery(GatewayCertificate.OF_ANCHOR_IN_STATUSES, GatewayCertificate.class)
                .setParameter("anchor", crl.anchorId())
                .setParameter("statuses", List.of(CertificateStatus.ACTIVE, CertificateStatus.STAGED,
                        CertificateStatus.SUPERSEDED))
                .getResultList().stream().filter(c -> crl.lists(c.serialNumber())).forEach(c -> {
                    c.revoke(crl.at(), crl.revocationReason());
                    crl.revoked(c.fingerprint());
                    changes.fire(RegistryChanged.of(crl.actor(), RegistryAction.GATEWAY_CERTIFICATE_REVOKED,
                            "GatewayCertificate", c.fingerprint(), null, "by CRL of " + crl.anchorName()));
                });
    }

    /** A certificate registered to a gateway, in any status, is taken. */
    public void answer(@Observes CertificateInUse question) {
        if (!question.taken() && !em.createNamedQuery(GatewayCertificate.BY_FINGERPRINT, GatewayCertificate.class)
                .setParameter("fingerprint", question.fingerprint()).getResultList().isEmpty()) {
            question.markTaken();
        }
    }

    public List<GatewayView> list(String memberCode) {
        List<Gateway> gateways = memberCode == null || memberCode.isBlank()
                ? em.createNamedQuery(Gateway.ALL, Gateway.class).getResultList()
                : em.createNamedQuery(Gateway.OF_MEMBER, Gateway.class)
                        .setParameter("member", memberStates.entity(memberCode).code().value()).getResultList();
        return gateways.stream().map(GatewayView::of).toList();
    }

    public GatewayView find(Long id) {
        return GatewayView.of(entity(id));
    }

    public Gateway entity(Long id) {
        Gateway gateway = id == null ? null : em.find(Gateway.class, id);
        if (gateway == null) {
            throw new NotFoundException("UnknownGateway", "No gateway with id " + id + " is registered");
        }
        return gateway;
    }

    public Optional<Gateway> byName(String memberCode, String name) {
        return em.createNamedQuery(Gateway.BY_NAME, Gateway.class).setParameter("member", memberCode)
                .setParameter("name", name).getResultStream().findFirst();
    }

    public GatewayView suspend(Actor actor, Long id, String reason) {
        Gateway gateway = locked(id);
        gateway.suspend(clock.instant());
        announce(actor, RegistryAction.GATEWAY_SUSPENDED, gateway, reason);
        return GatewayView.of(gateway);
    }

    public GatewayView reactivate(Actor actor, Long id, String reason) {
        Gateway gateway = locked(id);
        gateway.reactivate(clock.instant());
        announce(actor, RegistryAction.GATEWAY_REACTIVATED, gateway, reason);
        return GatewayView.of(gateway);
    }

    public List<CertificateView> certificates(Long gatewayId) {
        entity(gatewayId);
        return em.createNamedQuery(GatewayCertificate.OF_GATEWAY, GatewayCertificate.class)
                .setParameter("gateway", gatewayId).getResultList().stream().map(CertificateView::of).toList();
    }

    /**
     * Active and staged certificates whose validity ends within {@code within} from now (or has ended while they are
     * still in those statuses), soonest first: what must be replaced.
     */
    public List<CertificateView> expiringCertificates(Duration within) {
        return em.createNamedQuery(GatewayCertificate.SIGNING_EXPIRING_BEFORE, GatewayCertificate.class)
                .setParameter("statuses", List.of(CertificateStatus.ACTIVE, CertificateStatus.STAGED))
                .setParameter("limit", clock.instant().plus(within)).getResultList().stream()
                .map(CertificateView::of).sorted(Comparator.comparing(CertificateView::notAfter)).toList();
    }

    public CertificateView certificate(String fingerprint) {
        return CertificateView.of(certificateEntity(fingerprint));
    }

    /** Revocation takes effect for the very next message: the registry version moves with it (RegistryReads). */
    public CertificateView revokeCertificate(Actor actor, String fingerprint, String reason) {
        GatewayCertificate certificate = certificateEntity(fingerprint);
        em.lock(certificate, LockModeType.PESSIMISTIC_WRITE);
        certificate.revoke(clock.instant(), reason);
        Gateway gateway = entity(certificate.gatewayId());
        changes.fire(RegistryChanged.of(actor, RegistryAction.GATEWAY_CERTIFICATE_REVOKED, "GatewayCertificate",
                certificate.fingerprint(), gateway.memberCode().value(), "gateway=" + gateway + " reason=" + reason));
        return CertificateView.of(certificate);
    }

    /** Ends a rotation: the staged certificate becomes active and the active one is superseded. */
    public CertificateView activateStaged(Actor actor, Long gatewayId) {
        Gateway gateway = locked(gatewayId);
        GatewayCertificate staged = inStatus(gatewayId, CertificateStatus.STAGED).orElseThrow(() ->
                new ConflictException("NoStagedCertificate", "Gateway " + gateway + " has no staged certificate"));
        Instant now = clock.instant();
        inStatus(gatewayId, CertificateStatus.ACTIVE).ifPresent(active -> {
            active.supersede(now);
            changes.fire(RegistryChanged.of(actor, RegistryAction.GATEWAY_CERTIFICATE_SUPERSEDED,
                    "GatewayCertificate", active.fingerprint(), gateway.memberCode().value(), "gateway=" + gateway));
        });
        em.flush();
        staged.activate(now);
        changes.fire(RegistryChanged.of(actor, RegistryAction.GATEWAY_CERTIFICATE_ACTIVATED, "GatewayCertificate",
                staged.fingerprint(), gateway.memberCode().value(), "gateway=" + gateway));
        return CertificateView.of(staged);
    }

    /** Applies an approved gateway registration: the gateway and its first (active) certificate. */
    public Gateway create(Actor actor, MemberState member, String name, DeliveryMode mode, String endpoint,
            Collection<DocumentPermission> permissions, CheckedCertificate certificate) {
        if (byName(member.code().value(), Gateway.validName(name)).isPresent()) {
            throw new ConflictException("DuplicateGateway", "Member state " + member.code() + " already has a gateway "
                    + "named " + name);
        }
        Instant now = clock.instant();
        Gateway gateway = new Gateway(member.code(), name, mode, endpoint, permissions, now);
        em.persist(gateway);
        em.flush();
        announce(actor, RegistryAction.GATEWAY_REGISTERED, gateway, "mode=" + mode
                + (gateway.endpointUrl() == null ? "" : " endpoint=" + gateway.endpointUrl())
                + " permissions=" + gateway.permissions());
        addCertificate(actor, gateway, certificate);
        return gateway;
    }

    /**
     * Applies an approved certificate registration or rotation: ACTIVE when the gateway has no active certificate,
     * otherwise STAGED (the rotation overlap) until {@link #activateStaged}. At most one of each.
     */
    public GatewayCertificate addCertificate(Actor actor, Gateway gateway, CheckedCertificate certificate) {
        em.lock(gateway, LockModeType.PESSIMISTIC_WRITE);
        boolean hasActive = inStatus(gateway.id(), CertificateStatus.ACTIVE).isPresent();
        if (hasActive && inStatus(gateway.id(), CertificateStatus.STAGED).isPresent()) {
            throw new ConflictException("StagedCertificateExists", "Gateway " + gateway + " already has a staged "
                    + "certificate: activate or revoke it before staging another");
        }
        CertificateStatus initial = hasActive ? CertificateStatus.STAGED : CertificateStatus.ACTIVE;
        GatewayCertificate added = new GatewayCertificate(gateway.id(), certificate.anchorId(), certificate.data(),
                initial, clock.instant());
        em.persist(added);
        em.flush();
        changes.fire(RegistryChanged.of(actor, initial == CertificateStatus.ACTIVE
                ? RegistryAction.GATEWAY_CERTIFICATE_ACTIVATED : RegistryAction.GATEWAY_CERTIFICATE_STAGED,
                "GatewayCertificate", added.fingerprint(), gateway.memberCode().value(), "gateway=" + gateway
                        + " subject=" + added.subject() + " notAfter=" + added.notAfter()));
        return added;
    }

    /** Applies an approved endpoint change. */
    public void changeDelivery(Actor actor, Gateway gateway, DeliveryMode mode, String endpoint) {
        em.lock(gateway, LockModeType.PESSIMISTIC_WRITE);
        gateway.changeDelivery(mode, endpoint);
        announce(actor, RegistryAction.GATEWAY_ENDPOINT_CHANGED, gateway, "mode=" + mode
                + (gateway.endpointUrl() == null ? "" : " endpoint=" + gateway.endpointUrl()));
    }

    /** The active certificate of a gateway, if any. */
    public Optional<GatewayCertificate> activeCertificate(Long gatewayId) {
        return inStatus(gatewayId, CertificateStatus.ACTIVE);
    }

    /**
     * Who signed with this certificate, and may they exchange at {@code at}? Reads the database every time; the
     * security pipeline asks through the registry read cache ({@code RegistryReads}), which decides the same way.
     */
    public SenderCheck checkSender(String fingerprint, Instant at) {
        return SenderCheck.of(fingerprint, senderFacts(em, fingerprint), at);
    }

    /** The certificate with this fingerprint, its gateway and member state; null when it is not registered. */
    public static SenderFacts senderFacts(EntityManager em, String fingerprint) {
        Optional<GatewayCertificate> found = em.createNamedQuery(GatewayCertificate.BY_FINGERPRINT,
                GatewayCertificate.class).setParameter("fingerprint", fingerprint).getResultStream().findFirst();
        if (found.isEmpty()) {
            return null;
        }
        Gateway gateway = em.find(Gateway.class, found.get().gatewayId());
        return SenderFacts.of(found.get(), gateway, em.find(MemberState.class, gateway.memberCode().value()));
    }

    GatewayCertificate certificateEntity(String fingerprint) {
        String normalised = fingerprint == null ? "" : fingerprint.strip().toLowerCase(java.util.Locale.ROOT)
                .replace(":", "");
        return em.createNamedQuery(GatewayCertificate.BY_FINGERPRINT, GatewayCertificate.class)
                .setParameter("fingerprint", normalised).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("UnknownCertificate", "No gateway certificate with "
                        + "fingerprint " + fingerprint + " is registered"));
    }

    private Optional<GatewayCertificate> inStatus(Long gatewayId, CertificateStatus status) {
        return em.createNamedQuery(GatewayCertificate.OF_GATEWAY_IN_STATUS, GatewayCertificate.class)
                .setParameter("gateway", gatewayId).setParameter("status", status).getResultStream().findFirst();
    }

    private Gateway locked(Long id) {
        Gateway gateway = entity(id);
        em.lock(gateway, LockModeType.PESSIMISTIC_WRITE);
        return gateway;
    }

    private void announce(Actor actor, RegistryAction action, Gateway gateway, String detail) {
        changes.fire(RegistryChanged.of(actor, action, "Gateway", gateway.id(), gateway.memberCode().value(),
                "gateway=" + gateway + (detail == null ? "" : " " + detail)));
    }
}
