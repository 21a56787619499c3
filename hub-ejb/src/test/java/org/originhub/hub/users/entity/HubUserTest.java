package org.originhub.hub.users.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lockout rules, without a database. */
class HubUserTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final LockoutPolicy THREE_FOR_15_MINUTES = LockoutPolicy.of(3, 15);

    private final HubUser user = new HubUser("alice", "hash", Role.OPERATOR, null, false, "system", T0);

    @Test
    void theAccountLocksAtTheMaximumNumberOfConsecutiveFailures() {
        assertThat(user.recordFailedLogin(T0, THREE_FOR_15_MINUTES)).isFalse();
        assertThat(user.recordFailedLogin(T0.plusSeconds(1), THREE_FOR_15_MINUTES)).isFalse();
        assertThat(user.isLockedAt(T0.plusSeconds(1))).isFalse();

        assertThat(user.recordFailedLogin(T0.plusSeconds(2), THREE_FOR_15_MINUTES)).isTrue();

        assertThat(user.failedLogins()).isEqualTo(3);
        assertThat(user.lockedUntil()).isEqualTo(T0.plusSeconds(2).plus(Duration.ofMinutes(15)));
        assertThat(user.isLockedAt(T0.plusSeconds(2))).isTrue();
        assertThat(user.isLockedAt(T0.plusSeconds(2).plus(Duration.ofMinutes(15)).minusNanos(1))).isTrue();
    }

    @Test
    void aSuccessfulLoginEndsTheRunOfFailures() {
        user.recordFailedLogin(T0, THREE_FOR_15_MINUTES);
        user.recordFailedLogin(T0, THREE_FOR_15_MINUTES);
        user.recordSuccessfulLogin();
        user.recordFailedLogin(T0, THREE_FOR_15_MINUTES);
        user.recordFailedLogin(T0, THREE_FOR_15_MINUTES);

        assertThat(user.failedLogins()).isEqualTo(2);
        assertThat(user.isLockedAt(T0)).isFalse();
    }

    @Test
    void anExpiredLockIsReleasedWithItsCountSoTheUserStartsAfresh() {
        lockAt(T0);
        Instant expiry = user.lockedUntil();

        assertThat(user.isLockedAt(expiry)).isFalse();
        assertThat(user.recordFailedLogin(expiry, THREE_FOR_15_MINUTES)).isFalse();
        assertThat(user.failedLogins()).isEqualTo(1);
        assertThat(user.lockedUntil()).isNull();
    }

    @Test
    void releasingBeforeTheExpiryChangesNothing() {
        lockAt(T0);
        Instant expiry = user.lockedUntil();

        user.releaseExpiredLock(expiry.minusSeconds(1));

        assertThat(user.lockedUntil()).isEqualTo(expiry);
        assertThat(user.failedLogins()).isEqualTo(3);
    }

    @Test
    void enablingLiftsALockoutAndDisablingBarsTheAccount() {
        lockAt(T0);
        user.disable();
        assertThat(user.isDisabled()).isTrue();

        user.enable();

        assertThat(user.isDisabled()).isFalse();
        assertThat(user.isLockedAt(T0)).isFalse();
        assertThat(user.failedLogins()).isZero();
    }

    @Test
    void theMemberCodeFollowsTheRole() {
        assertThatThrownBy(() -> user.assign(Role.MEMBER_AUDITOR, null)).isInstanceOf(IllegalArgumentException.class);
        user.assign(Role.MEMBER_AUDITOR, "KE");
        assertThat(user.memberCode()).isEqualTo("KE");
        assertThatThrownBy(() -> user.assign(Role.AUDITOR, "KE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPolicyNeedsANonNegativeFailureCountAndOneMinute() {
        assertThatThrownBy(() -> LockoutPolicy.of(-1, 15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LockoutPolicy.of(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAFailureCountFailuresAreCountedButNeverLock() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            assertThat(user.recordFailedLogin(now, LockoutPolicy.of(0, 15))).isFalse();
        }
        assertThat(user.failedLogins()).isEqualTo(50);
        assertThat(user.isLockedAt(now)).isFalse();
        assertThat(user.lockedUntil()).isNull();
    }

    private void lockAt(Instant when) {
        for (int i = 0; i < 3; i++) {
            user.recordFailedLogin(when, THREE_FOR_15_MINUTES);
        }
        assertThat(user.isLockedAt(when)).isTrue();
    }
}
