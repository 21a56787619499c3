package org.originhub.registry.cache.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.originhub.registry.cache.control.RegistryCache;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.boundary.SenderCheck;

/**
 * The registry as exchanges read it, cached on this node and never stale. A version in the database
 * ({@code registry_version}) moves in the transaction of every registry change that is not a refusal, so it commits
 * with the change or not at all; every read first selects that version by primary key in the caller's transaction and
 * uses only what this node kept for exactly that version. A node that missed a change (partitioned, restarted,
 * relay lost) therefore loads again at its next use: the bound is the commit of the change itself. For transactions
 * that read the registry; the registry's own boundaries change it through its entities.
 */
@Stateless
public class RegistryReads {

    private static final String READ = "SELECT version FROM registry_version WHERE id = 1";
    private static final String ADVANCE = "UPDATE registry_version SET version = version + 1 WHERE id = 1";

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    RegistryCache cache;

    /** The registry at the version this transaction reads now (one primary-key SELECT), for the rest of it. */
    public RegistryView current() {
        long version = ((Number) em.createNativeQuery(READ).getSingleResult()).longValue();
        return new RegistryView(cache.at(version), em);
    }

    /** Who signed with this certificate, and may they exchange at {@code at}? */
    public SenderCheck checkSender(String fingerprint, Instant at) {
        return current().sender(fingerprint, at);
    }

    /** What the security pipeline asks of every message, at one version: the trust anchors and the sender check. */
    public SenderTrust senderTrust(String fingerprint, Instant at) {
        RegistryView registry = current();
        return new SenderTrust(registry.trustAnchors(), registry.sender(fingerprint, at));
    }

    /** The certificates of the ACTIVE trust anchors. */
    public List<X509Certificate> trustAnchors() {
        return current().trustAnchors();
    }

    /** In the changing transaction, so the version moves if and only if the change commits. */
    public void onRegistryChanged(@Observes RegistryChanged change) {
        if (!change.refused()) {
            em.createNativeQuery(ADVANCE).executeUpdate();
        }
    }
}
