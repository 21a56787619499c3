package org.originhub.hub.alerts.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.originhub.hub.alerts.entity.Alert;
import org.originhub.hub.alerts.entity.Severity;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.events.CertificateExpiring;

/** Raises, lists and acknowledges alerts. */
@Stateless
public class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Raises an alert unless one with the same key exists; logs it either way at WARNING. */
    public void raise(String kind, Severity severity, String dedupKey, String subject, String message) {
        LOG.warning(() -> kind + " " + subject + ": " + message);
        boolean exists = em.createNamedQuery(Alert.BY_KEY, Alert.class).setParameter("key", dedupKey)
                .getResultStream().findAny().isPresent();
        if (!exists) {
            em.persist(new Alert(kind, severity, dedupKey, subject, message, clock.instant()));
        }
    }

    /** Certificate expiry warnings from the registry's scan (60, 30 and 7 days ahead); 7 days is critical. */
    public void onCertificateExpiring(@Observes CertificateExpiring warning) {
        raise("CERTIFICATE_EXPIRY", warning.thresholdDays() <= 7 ? Severity.CRITICAL : Severity.WARNING,
                "certificate-expiry:" + warning.fingerprint() + ":" + warning.thresholdDays(),
                warning.certificateKind() + " certificate of " + warning.owner()
                        + (warning.memberCode() == null ? "" : " (" + warning.memberCode() + ")"),
                "The " + warning.certificateKind() + " certificate " + warning.fingerprint() + " of "
                        + warning.owner() + " expires on " + warning.notAfter() + ", within "
                        + warning.thresholdDays() + " days: register its successor now.");
    }

    public List<AlertView> open() {
        return em.createNamedQuery(Alert.OPEN, Alert.class).getResultList().stream().map(AlertView::of).toList();
    }

    public AlertView acknowledge(Long id, String by) {
        Alert alert = id == null ? null : em.find(Alert.class, id);
        if (alert == null) {
            throw new NotFoundException("UnknownAlert", "No alert with id " + id);
        }
        alert.acknowledge(by, clock.instant());
        return AlertView.of(alert);
    }
}
