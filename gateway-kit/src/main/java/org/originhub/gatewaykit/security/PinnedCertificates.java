package org.originhub.gatewaykit.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The certificates whose signatures are accepted, pinned by SHA-256 fingerprint: the hub's certificate for a gateway
 * (on the hub's responses, faults and pushes), a gateway's certificate for whoever checks its acknowledgements.
 *
 * <p>Why pinning and not a CA chain: the hub signs with one key of its own (in development a self-signed one), which
 * gateways learn out of band from the secretariat (its certificate file or fingerprint) or from the directory. An
 * exact pin cannot be satisfied by any other certificate a CA might issue. Several pins may be given to roll the
 * hub's key over without downtime.
 */
public final class PinnedCertificates {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final Set<String> fingerprints;

    private PinnedCertificates(Set<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("At least one certificate must be pinned");
        }
        this.fingerprints = Set.copyOf(fingerprints);
    }

    public static PinnedCertificates of(X509Certificate... certificates) {
        return of(Arrays.asList(certificates));
    }

    public static PinnedCertificates of(Collection<X509Certificate> certificates) {
        Set<String> pins = new LinkedHashSet<>();
        certificates.forEach(c -> pins.add(Sha256.fingerprint(c)));
        return new PinnedCertificates(pins);
    }

    /**
     * Pins by fingerprint: SHA-256 of the DER certificate as 64 hex characters; upper case and {@code :} separators
     * (as {@code keytool} and {@code openssl x509 -fingerprint -sha256} print them) are accepted.
     */
    public static PinnedCertificates ofFingerprints(String... fingerprints) {
        Set<String> pins = new LinkedHashSet<>();
        for (String fingerprint : fingerprints) {
            pins.add(normalise(fingerprint));
        }
        return new PinnedCertificates(pins);
    }

    /** Reads one or more certificates from a PEM file, or one from a DER file. */
    public static PinnedCertificates fromFile(Path file) {
        try {
            return of(readCertificates(Files.readAllBytes(file)));
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("No X.509 certificate could be read from " + file
                    + " (PEM or DER expected)", e);
        }
    }

    /** Parses PEM (one or several certificates) or DER. */
    public static Collection<X509Certificate> readCertificates(byte[] pemOrDer) throws CertificateException {
        Collection<X509Certificate> certificates = new java.util.ArrayList<>();
        for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pemOrDer))) {
            certificates.add((X509Certificate) c);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return certificates;
    }

    static String normalise(String fingerprint) {
        String hex = fingerprint == null ? "" : fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(hex).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 certificate fingerprint (64 hex characters): "
                    + fingerprint);
        }
        return hex;
    }

    public boolean accepts(X509Certificate certificate) {
        return certificate != null && fingerprints.contains(Sha256.fingerprint(certificate));
    }

    public boolean accepts(String fingerprint) {
        return fingerprints.contains(normalise(fingerprint));
    }

    public Set<String> fingerprints() {
        return fingerprints;
    }

    @Override
    public String toString() {
        return "PinnedCertificates" + fingerprints;
    }
}
