package org.originhub.registry.certificates.control;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.originhub.registry.certificates.entity.ExpiryThreshold;

/**
 * When to warn about a certificate that is about to expire, and when it has expired. A pure function, so the job that
 * runs it (on whichever hub node) only has to persist which thresholds it raised; running it twice raises nothing new.
 */
public final class ExpiryWarnings {

    private ExpiryWarnings() {
    }

    /**
     * The warnings due now for a certificate valid until {@code notAfter}.
     *
     * <p>A threshold is due once {@code now} has reached {@code notAfter} minus its days and it is not in
     * {@code alreadyRaised}. Several can be due at once (the job did not run, or the certificate was registered late):
     * the caller records all of them as raised and notifies once, with {@link ExpiryStatus#mostUrgent()}. Once the
     * certificate has expired no warning is due any more: the certificate becomes expired instead.
     *
     * @param notAfter the end of the certificate's validity (it is still valid at this instant)
     * @param now the current time
     * @param alreadyRaised the thresholds recorded for this certificate so far
     */
    public static ExpiryStatus check(Instant notAfter, Instant now, Set<ExpiryThreshold> alreadyRaised) {
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(alreadyRaised, "alreadyRaised");
        if (now.isAfter(notAfter)) {
            return new ExpiryStatus(true, Set.of());
        }
        Set<ExpiryThreshold> due = EnumSet.noneOf(ExpiryThreshold.class);
        for (ExpiryThreshold threshold : ExpiryThreshold.values()) {
            if (!now.isBefore(notAfter.minus(threshold.before())) && !alreadyRaised.contains(threshold)) {
                due.add(threshold);
            }
        }
        return new ExpiryStatus(false, due);
    }
}
