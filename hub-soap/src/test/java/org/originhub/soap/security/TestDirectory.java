package org.originhub.soap.security;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.originhub.registry.testing.TestPki;

/** An in-memory {@link SenderDirectory} for tests; {@link #failWith} simulates a registry outage. */
final class TestDirectory implements SenderDirectory {

    private final List<X509Certificate> anchors = new CopyOnWriteArrayList<>();
    private final Map<String, SenderStanding> standings = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    void trust(TestPki.Issued ca) {
        anchors.add(ca.certificate());
    }

    void register(TestPki.Issued certificate, SenderStanding standing) {
        standings.put(SecurityProfile.fingerprint(certificate.certificate()), standing);
    }

    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    void reset() {
        anchors.clear();
        standings.clear();
        failure = null;
    }

    @Override
    public Collection<X509Certificate> trustAnchors() {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(anchors);
    }

    @Override
    public SenderStanding lookup(String certificateFingerprint) {
        if (failure != null) {
            throw failure;
        }
        return standings.getOrDefault(certificateFingerprint, SenderStanding.unknown());
    }
}
