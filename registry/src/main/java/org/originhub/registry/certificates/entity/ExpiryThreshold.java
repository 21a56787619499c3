package org.originhub.registry.certificates.entity;

import java.time.Duration;

/**
 * How long before a certificate's {@code notAfter} the secretariat (and the member concerned) is warned. A certificate
 * record stores the thresholds it has already raised, so that each warning goes out once even though the expiry job
 * runs again and again, and on several hub nodes.
 */
public enum ExpiryThreshold {
    DAYS_60(60),
    DAYS_30(30),
    DAYS_7(7);

    private final int days;

    ExpiryThreshold(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    public Duration before() {
        return Duration.ofDays(days);
    }
}
