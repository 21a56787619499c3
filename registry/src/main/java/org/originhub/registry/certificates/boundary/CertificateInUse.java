package org.originhub.registry.certificates.boundary;

import java.util.Objects;

/**
 * The duplicate question of the certificate check: does the registry keep this certificate already? Fired
 * synchronously while a certificate is checked; the features that keep certificates (gateway certificates,
 * authorised signers, open registration requests) observe it and {@link #markTaken() mark} it when they hold the
 * fingerprint. The certificates feature imports none of them; the arrows run from those features to this one.
 */
public final class CertificateInUse {

    private final String fingerprint;
    private final boolean openRequestsCount;
    private boolean taken;

    /**
     * @param fingerprint the certificate's SHA-256 fingerprint (lower-case hexadecimal)
     * @param openRequestsCount whether a certificate in an open registration request counts as taken (not when
     *        that request itself is being approved)
     */
    public CertificateInUse(String fingerprint, boolean openRequestsCount) {
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.openRequestsCount = openRequestsCount;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public boolean openRequestsCount() {
        return openRequestsCount;
    }

    public void markTaken() {
        taken = true;
    }

    public boolean taken() {
        return taken;
    }
}
