package org.originhub.registry.testing;

import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.originhub.registry.agreements.boundary.Agreements;
import org.originhub.registry.authorities.boundary.Authorities;
import org.originhub.registry.cache.boundary.RegistryReads;
import org.originhub.registry.cache.control.RegistryCache;
import org.originhub.registry.certificates.boundary.CertificateInUse;
import org.originhub.registry.certificates.boundary.CrlImported;
import org.originhub.registry.certificates.boundary.TrustAnchors;
import org.originhub.registry.directory.boundary.Directory;
import org.originhub.registry.events.CertificateExpiring;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.boundary.CertificateExpiry;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.memberstates.boundary.MemberStates;
import org.originhub.registry.requests.boundary.RegistrationRequests;

/**
 * The registry's boundaries wired by hand, as the container would, on one EntityManager per transaction: for
 * persistence tests against the embedded MariaDB. The directory serial and registry version observers are attached
 * to the change events (in the changing transaction, as in the container), and the features that keep certificates
 * observe the CRL imports and the duplicate question, as in production (in the order the observers' priorities
 * give); the change events themselves are recorded for assertions.
 */
public final class RegistryHarness {

    public final MemberStates memberStates = new MemberStates();
    public final Agreements agreements = new Agreements();
    public final TrustAnchors trustAnchors = new TrustAnchors();
    public final Gateways gateways = new Gateways();
    public final RegistrationRequests requests = new RegistrationRequests();
    public final Authorities authorities = new Authorities();
    public final Directory directory = new Directory();
    public final CertificateExpiry expiry = new CertificateExpiry();
    /** The registry read cache of this harness's "node", on the transaction's EntityManager like the boundaries. */
    public final RegistryReads reads = new RegistryReads();
    public final RegistryCache cache = new RegistryCache();
    public final RecordingEvent<RegistryChanged> changes = new RecordingEvent<>();
    public final RecordingEvent<CertificateExpiring> expiring = new RecordingEvent<>();
    private final RecordingEvent<CrlImported> crlImports = new RecordingEvent<>();
    private final RecordingEvent<CertificateInUse> inUse = new RecordingEvent<>();
    private final TestPersistence persistence;
    private EntityManager current;

    public RegistryHarness(TestPersistence persistence) {
        this.persistence = persistence;
        changes.observedBy(directory::onRegistryChanged).observedBy(reads::onRegistryChanged);
        set(reads, "cache", cache);
        set(agreements, "memberStates", memberStates);
        set(gateways, "memberStates", memberStates);
        set(requests, "memberStates", memberStates);
        set(requests, "gateways", gateways);
        set(requests, "trustAnchors", trustAnchors);
        set(authorities, "memberStates", memberStates);
        set(authorities, "agreements", agreements);
        set(authorities, "trustAnchors", trustAnchors);
        set(expiry, "expiring", expiring);
        crlImports.observedBy(gateways::revokeListed).observedBy(authorities::revokeListed);
        inUse.observedBy(gateways::answer).observedBy(authorities::answer).observedBy(requests::answer);
        set(trustAnchors, "crlImports", crlImports);
        set(trustAnchors, "inUse", inUse);
        for (Object boundary : boundaries()) {
            set(boundary, "changes", changes);
        }
        set(directory, "changes", null);
    }

    private Object[] boundaries() {
        return new Object[] {memberStates, agreements, trustAnchors, gateways, requests, authorities, expiry};
    }

    /** Runs {@code work} in one transaction with every boundary on its EntityManager. */
    public <T> T tx(Function<RegistryHarness, T> work) {
        return persistence.inTransaction((EntityManager em) -> {
            for (Object boundary : boundaries()) {
                set(boundary, "em", em);
            }
            set(directory, "em", em);
            set(reads, "em", em);
            current = em;
            return work.apply(this);
        });
    }

    public void run(Consumer<RegistryHarness> work) {
        tx(h -> {
            work.accept(h);
            return null;
        });
    }

    /**
     * Detaches everything the current transaction has loaded, as the end of a container transaction would: so that
     * many calls in one test transaction each hit the database like separate calls.
     */
    public void clearPersistenceContext() {
        current.clear();
    }

    /** Sets every boundary's clock (certificate validity, request and expiry times). */
    public void clock(Clock clock) {
        for (Object boundary : boundaries()) {
            set(boundary, "clock", clock);
        }
        set(directory, "clock", clock);
    }

    public void autoApproveRotation(boolean enabled) {
        set(requests, "autoApproveRotation", enabled);
    }

    static void set(Object target, String name, Object value) {
        Class<?> type = target.getClass();
        while (type != null) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                type = type.getSuperclass();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value != null) {
            throw new IllegalArgumentException(target.getClass().getSimpleName() + " has no field " + name);
        }
    }
}
