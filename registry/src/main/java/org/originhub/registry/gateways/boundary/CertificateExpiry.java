package org.originhub.registry.gateways.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.originhub.registry.authorities.entity.AuthorisedSigner;
import org.originhub.registry.certificates.control.ExpiryStatus;
import org.originhub.registry.certificates.control.ExpiryWarnings;
import org.originhub.registry.certificates.entity.ExpiryThreshold;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.CertificateExpiring;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;

/**
 * Gateway certificates past their validity become EXPIRED without anyone acting, and warnings go out 60, 30 and 7
 * days before, for gateway and authorised-signer certificates alike. Runs hourly on every node; each certificate is locked while it is examined and remembers the thresholds it
 * has raised, so nodes never warn twice.
 */
@Stateless
public class CertificateExpiry {

    private static final Logger LOG = Logger.getLogger(CertificateExpiry.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<RegistryChanged> changes;

    @Inject
    Event<CertificateExpiring> expiring;

    Clock clock = Clock.systemUTC();

    @Schedule(hour = "*", minute = "7", persistent = false)
    void hourly() {
        scan();
    }

    /** Examines every signing certificate that expires within 60 days; returns how many changed. */
    public int scan() {
        Instant now = clock.instant();
        List<GatewayCertificate> candidates = em.createNamedQuery(GatewayCertificate.SIGNING_EXPIRING_BEFORE,
                GatewayCertificate.class)
                .setParameter("statuses", List.of(CertificateStatus.ACTIVE, CertificateStatus.STAGED))
                .setParameter("limit", now.plus(Duration.ofDays(ExpiryThreshold.DAYS_60.days())))
                .getResultList();
        int changed = 0;
        for (GatewayCertificate candidate : candidates) {
            em.lock(candidate, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(candidate);
            if (examine(candidate, now)) {
                changed++;
            }
        }
        for (AuthorisedSigner signer : em.createNamedQuery(AuthorisedSigner.ACTIVE_EXPIRING_BEFORE,
                AuthorisedSigner.class).setParameter("limit", now.plus(Duration.ofDays(ExpiryThreshold.DAYS_60.days())))
                .getResultList()) {
            em.lock(signer, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(signer);
            if (warnSigner(signer, now)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Signers are warned like gateways; an expired signer certificate needs no status change, because CheckSigner
     * judges a signature by the time it was made, and a certificate may still prove a signature made while valid.
     */
    private boolean warnSigner(AuthorisedSigner signer, Instant now) {
        ExpiryStatus status = ExpiryWarnings.check(signer.notAfter(), now, raised(signer.expiryWarnedDays()));
        if (status.expired()) {
            return false;
        }
        return status.mostUrgent().map(threshold -> {
            signer.recordExpiryWarning(threshold.days());
            String owner = "signer " + signer.name() + " of " + signer.memberCode();
            String detail = "certificate of " + owner + " expires on " + signer.notAfter() + " (within "
                    + threshold.days() + " days)";
            LOG.warning(detail);
            changes.fire(RegistryChanged.of(Actor.hub(), RegistryAction.CERTIFICATE_EXPIRY_WARNING,
                    "AuthorisedSigner", signer.fingerprint(), signer.memberCode(), detail));
            expiring.fire(new CertificateExpiring("signer", signer.fingerprint(), signer.memberCode(), owner,
                    signer.notAfter(), threshold.days()));
            return true;
        }).orElse(false);
    }

    private boolean examine(GatewayCertificate certificate, Instant now) {
        Gateway gateway = em.find(Gateway.class, certificate.gatewayId());
        String member = gateway.memberCode().value();
        ExpiryStatus status = ExpiryWarnings.check(certificate.notAfter(), now,
                raised(certificate.expiryWarnedDays()));
        if (status.expired()) {
            if (certificate.expireIfPast(now)) {
                changes.fire(RegistryChanged.of(Actor.hub(), RegistryAction.GATEWAY_CERTIFICATE_EXPIRED,
                        "GatewayCertificate", certificate.fingerprint(), member, "gateway=" + gateway + " notAfter="
                                + certificate.notAfter()));
                return true;
            }
            return false;
        }
        return status.mostUrgent().map(threshold -> {
            certificate.recordExpiryWarning(threshold.days());
            String detail = "certificate of gateway " + gateway + " expires on " + certificate.notAfter()
                    + " (within " + threshold.days() + " days)";
            LOG.warning(detail);
            changes.fire(RegistryChanged.of(Actor.hub(), RegistryAction.CERTIFICATE_EXPIRY_WARNING,
                    "GatewayCertificate", certificate.fingerprint(), member, detail));
            expiring.fire(new CertificateExpiring("gateway", certificate.fingerprint(), member, gateway.toString(),
                    certificate.notAfter(), threshold.days()));
            return true;
        }).orElse(false);
    }

    /** A certificate remembers the smallest threshold it raised; every larger one was raised before it. */
    private static Set<ExpiryThreshold> raised(Integer warned) {
        Set<ExpiryThreshold> raised = EnumSet.noneOf(ExpiryThreshold.class);
        if (warned != null) {
            for (ExpiryThreshold threshold : ExpiryThreshold.values()) {
                if (threshold.days() >= warned) {
                    raised.add(threshold);
                }
            }
        }
        return raised;
    }
}
