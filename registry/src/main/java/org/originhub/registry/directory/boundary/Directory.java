package org.originhub.registry.directory.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.registry.agreements.boundary.AgreementView;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.authorities.entity.AuthorisedSigner;
import org.originhub.registry.authorities.entity.IssuingAuthority;
import org.originhub.registry.directory.entity.RegistrySerial;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.memberstates.entity.MemberState;

/** Builds the directory snapshot and keeps its serial moving with every change that gateways must see. */
@Stateless
public class Directory {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** In the changing transaction, so the serial moves if and only if the change commits. */
    public void onRegistryChanged(@Observes RegistryChanged change) {
        if (change.action().changesDirectory() && !change.refused()) {
            em.find(RegistrySerial.class, RegistrySerial.SINGLE_ROW, LockModeType.PESSIMISTIC_WRITE)
                    .advance(clock.instant());
        }
    }

    public long serial() {
        return em.find(RegistrySerial.class, RegistrySerial.SINGLE_ROW).serial();
    }

    public DirectorySnapshot snapshot() {
        RegistrySerial serial = em.find(RegistrySerial.class, RegistrySerial.SINGLE_ROW);
        em.refresh(serial);
        Instant now = clock.instant();
        List<MemberState> members = em.createNamedQuery(MemberState.ALL, MemberState.class).getResultList().stream()
                .filter(MemberState::isActive).toList();
        List<AgreementView> agreements = em.createNamedQuery(Agreement.ALL, Agreement.class).getResultList()
                .stream().map(AgreementView::of).toList();
        Map<Long, String> agreementCodes = new HashMap<>();
        em.createNamedQuery(Agreement.ALL, Agreement.class).getResultList()
                .forEach(a -> agreementCodes.put(a.id(), a.code()));
        Map<Long, String> authorityNames = new HashMap<>();
        em.createNamedQuery(IssuingAuthority.ALL, IssuingAuthority.class).getResultList()
                .forEach(a -> authorityNames.put(a.id(), a.name()));

        List<DirectorySnapshot.GatewayEntry> gateways = em.createNamedQuery(Gateway.ALL, Gateway.class)
                .getResultList().stream().filter(Gateway::isActive)
                .map(g -> new DirectorySnapshot.GatewayEntry(g.id(), g.memberCode().value(), g.name(),
                        g.deliveryMode().name(),
                        g.permissions().stream().map(DocumentPermission::toString).sorted().toList(),
                        fingerprint(g.id(), CertificateStatus.ACTIVE), fingerprint(g.id(), CertificateStatus.STAGED)))
                .toList();
        List<DirectorySnapshot.Signer> signers = em.createNamedQuery(AuthorisedSigner.ACTIVE, AuthorisedSigner.class)
                .getResultList().stream()
                .filter(s -> s.validUntil() == null || now.isBefore(s.validUntil()))
                .map(s -> new DirectorySnapshot.Signer(s.memberCode(), authorityNames.get(s.authorityId()), s.name(),
                        s.fingerprint(), s.validFrom(), s.validUntil(),
                        s.agreementIds().stream().map(agreementCodes::get).sorted().toList()))
                .toList();
        return new DirectorySnapshot(serial.serial(), serial.changedAt(), now,
                members.stream().map(m -> new DirectorySnapshot.Member(m.code().value(), m.name())).toList(),
                agreements, gateways, signers);
    }

    private String fingerprint(Long gatewayId, CertificateStatus status) {
        return em.createNamedQuery(GatewayCertificate.OF_GATEWAY_IN_STATUS, GatewayCertificate.class)
                .setParameter("gateway", gatewayId).setParameter("status", status).getResultStream()
                .map(GatewayCertificate::fingerprint).findFirst().orElse(null);
    }
}
