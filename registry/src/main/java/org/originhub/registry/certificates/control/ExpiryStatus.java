package org.originhub.registry.certificates.control;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.originhub.registry.certificates.entity.ExpiryThreshold;

/**
 * The outcome of {@link ExpiryWarnings#check}.
 *
 * @param expired whether the certificate is past its {@code notAfter}: it becomes expired
 * @param due the thresholds reached and not raised before (empty once expired)
 */
public record ExpiryStatus(boolean expired, Set<ExpiryThreshold> due) {

    public ExpiryStatus {
        EnumSet<ExpiryThreshold> copy = EnumSet.noneOf(ExpiryThreshold.class);
        copy.addAll(due);
        due = Collections.unmodifiableSet(copy);
    }

    /** The closest of the due thresholds: the one to tell people about. */
    public Optional<ExpiryThreshold> mostUrgent() {
        return due.stream().min(Comparator.comparingInt(ExpiryThreshold::days));
    }
}
