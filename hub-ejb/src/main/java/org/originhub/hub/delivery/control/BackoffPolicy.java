package org.originhub.hub.delivery.control;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed push again: the first retry after {@code first}, each further one after twice the previous
 * delay up to {@code max}, and no attempt later than {@code giveUp} after the first attempt (the last retry is moved
 * to that deadline; a failure at or after it gives up). Defaults: 1 minute doubling to 1 hour, giving up after 24
 * hours (HUB_DELIVERY_RETRY_FIRST, HUB_DELIVERY_RETRY_MAX, HUB_DELIVERY_GIVE_UP, ISO-8601 durations).
 */
public record BackoffPolicy(Duration first, Duration max, Duration giveUp) {

    public static final BackoffPolicy DEFAULT = new BackoffPolicy(Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofHours(24));

    public BackoffPolicy {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(giveUp, "giveUp");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("The first retry delay must be positive, not " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("The longest retry delay (" + max + ") cannot be shorter than the "
                    + "first (" + first + ")");
        }
        if (giveUp.isNegative()) {
            throw new IllegalArgumentException("The give-up period cannot be negative: " + giveUp);
        }
    }

    /** From configuration text (ISO-8601 durations such as PT1M); says which key is wrong. */
    public static BackoffPolicy parse(String first, String max, String giveUp) {
        return new BackoffPolicy(duration("HUB_DELIVERY_RETRY_FIRST", first),
                duration("HUB_DELIVERY_RETRY_MAX", max), duration("HUB_DELIVERY_GIVE_UP", giveUp));
    }

    public static Duration duration(String key, String text) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT1M or PT24H, not '"
                    + text + "'");
        }
    }

    /** The delay after the {@code failures}-th failed attempt in a row (1 for the first failure). */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures start at 1");
        }
        int doublings = failures - 1;
        if (doublings >= 62) {
            return max;
        }
        Duration delay;
        try {
            delay = first.multipliedBy(1L << doublings);
        } catch (ArithmeticException overflow) {
            return max;
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * After a failed attempt: when to try next, or empty to give up.
     *
     * @param firstAttemptAt when the first attempt of this delivery was made
     * @param failedAt when this attempt failed
     * @param failures how many attempts failed so far, this one included
     */
    public Optional<Instant> next(Instant firstAttemptAt, Instant failedAt, int failures) {
        Instant deadline = firstAttemptAt.plus(giveUp);
        if (!failedAt.isBefore(deadline)) {
            return Optional.empty();
        }
        Instant next = failedAt.plus(delayAfter(failures));
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }
}
