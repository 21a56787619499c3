package org.originhub.registry.events;

import java.time.Instant;

/**
 * A registered certificate crossed an expiry warning threshold (60, 30 or 7 days). Fired once per threshold, next to
 * the audited {@link RegistryChanged}; the alerts feature turns it into an alert for the console.
 */
public record CertificateExpiring(String certificateKind, String fingerprint, String memberCode, String owner,
        Instant notAfter, int thresholdDays) {
}
