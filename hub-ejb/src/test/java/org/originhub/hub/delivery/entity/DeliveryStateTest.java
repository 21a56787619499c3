package org.originhub.hub.delivery.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.configuration.entity.NodeName;
import org.originhub.hub.delivery.entity.DeliveryState.Acknowledged;

class DeliveryStateTest {

    private static final NodeIncarnation NODE = NodeIncarnation.startOf(new NodeName("node-1"));

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    private final DeliveryState push = new DeliveryState(T0);

    @Test
    void aNewDeliveryIsPendingAndDueWhenAskedWithNothingElseSet() {
        assertThat(push.status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(push.isPending()).isTrue();
        assertThat(push.nextAttemptAt()).isEqualTo(T0);
        assertThat(push.attempts()).isZero();
        assertThat(push.firstAttemptAt()).isNull();
        assertThat(push.claimedUntil()).isNull();
        assertThat(push.dependsOn()).isNull();
        assertThat(push.dependencyOpen()).isFalse();
        assertThat(push.ackKind()).isNull();
        assertThat(new DeliveryState(null).nextAttemptAt()).as("a PULL delivery is never due for a push").isNull();
    }

    @Test
    void aDependencyHoldsTheDeliveryBackOnlyWhileOpen() {
        push.dependOn("OH-EARLIER", true);
        assertThat(push.dependsOn()).isEqualTo("OH-EARLIER");
        assertThat(push.dependencyOpen()).isTrue();

        DeliveryState afterAFinishedOne = new DeliveryState(T0);
        afterAFinishedOne.dependOn("OH-EARLIER", false);
        assertThat(afterAFinishedOne.dependsOn()).isEqualTo("OH-EARLIER");
        assertThat(afterAFinishedOne.dependencyOpen()).isFalse();
    }

    @Test
    void aClaimBelongsToItsTokenUntilReleased() {
        push.claim("node-a", T0.plusSeconds(300), NODE);
        assertThat(push.claimedBy("node-a")).isTrue();
        assertThat(push.claimedBy("node-b")).isFalse();
        assertThat(push.claimedBy(null)).isFalse();
        assertThat(push.claimedUntil()).isEqualTo(T0.plusSeconds(300));

        push.claim("node-b", T0.plusSeconds(600), NODE);
        assertThat(push.claimedBy("node-a")).as("taken over after the lease expired").isFalse();
        assertThat(push.claimedBy("node-b")).isTrue();

        push.releaseClaim();
        assertThat(push.claimedBy("node-b")).isFalse();
        assertThat(push.claimedUntil()).isNull();
        assertThat(push.claimHolder()).isNull();
    }

    @Test
    void aClaimNamesTheNodeStartThatHoldsIt() {
        NodeIncarnation other = NodeIncarnation.startOf(new NodeName("node-2"));
        push.claim("token-1", T0.plusSeconds(300), other);

        assertThat(push.claimHolder()).isEqualTo(other);
        push.claim("token-2", T0.plusSeconds(600), NODE);
        assertThat(push.claimHolder()).as("taken over after the lease expired").isEqualTo(NODE);
    }

    @Test
    void attemptsAreNumberedAndTheFirstStartsTheRetryWindow() {
        assertThat(push.countAttempt(T0)).isEqualTo(1);
        assertThat(push.countAttempt(T0.plusSeconds(60))).isEqualTo(2);
        assertThat(push.attempts()).isEqualTo(2);
        assertThat(push.firstAttemptAt()).isEqualTo(T0);
        assertThat(push.lastAttemptAt()).isEqualTo(T0.plusSeconds(60));

        push.retryAt(T0.plusSeconds(180));
        assertThat(push.nextAttemptAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(push.isPending()).isTrue();
    }

    @Test
    void theFirstAcknowledgementSetsTheStatusAndEndsThePushing() {
        push.countAttempt(T0);
        assertThat(push.acknowledge(AcknowledgementKind.OK_WITH_WARNINGS, "two warnings", T0.plusSeconds(1)))
                .isEqualTo(Acknowledged.SET);
        assertThat(push.status()).isEqualTo(DeliveryStatus.DELIVERED_WITH_WARNINGS);
        assertThat(push.isPending()).isFalse();
        assertThat(push.ackKind()).isEqualTo(AcknowledgementKind.OK_WITH_WARNINGS);
        assertThat(push.ackText()).isEqualTo("two warnings");
        assertThat(push.acknowledgedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(push.nextAttemptAt()).isNull();
    }

    @Test
    void eachAcknowledgementKindHasItsStatus() {
        for (AcknowledgementKind kind : AcknowledgementKind.values()) {
            DeliveryState d = new DeliveryState(T0);
            d.acknowledge(kind, null, T0);
            assertThat(d.status()).as(kind.name()).isEqualTo(switch (kind) {
                case OK -> DeliveryStatus.DELIVERED;
                case OK_WITH_WARNINGS -> DeliveryStatus.DELIVERED_WITH_WARNINGS;
                case NOT_READABLE -> DeliveryStatus.DELIVERED_NOT_READABLE;
            });
        }
    }

    @Test
    void theSameAcknowledgementAgainChangesNothingAndADifferentOneConflicts() {
        push.acknowledge(AcknowledgementKind.OK, "first", T0);

        assertThat(push.acknowledge(AcknowledgementKind.OK, "again", T0.plusSeconds(5)))
                .isEqualTo(Acknowledged.REPEATED);
        assertThat(push.acknowledge(AcknowledgementKind.NOT_READABLE, "other", T0.plusSeconds(6)))
                .isEqualTo(Acknowledged.CONFLICT);
        assertThat(push.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(push.ackText()).isEqualTo("first");
        assertThat(push.acknowledgedAt()).isEqualTo(T0);
    }

    @Test
    void givingUpFailsThePendingDeliveryOnce() {
        push.countAttempt(T0);
        push.retryAt(T0.plusSeconds(60));
        push.fail(T0.plusSeconds(60));

        assertThat(push.status()).isEqualTo(DeliveryStatus.FAILED_DELIVERY);
        assertThat(push.failedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(push.nextAttemptAt()).isNull();
        assertThatThrownBy(() -> push.fail(T0.plusSeconds(120))).isInstanceOf(IllegalStateException.class);
        assertThat(push.failedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void anAcknowledgedDeliveryCannotFail() {
        push.acknowledge(AcknowledgementKind.OK, null, T0);

        assertThatThrownBy(() -> push.fail(T0.plusSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThat(push.status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void anyAcknowledgementAfterFailingIsAConflict() {
        push.fail(T0);

        assertThat(push.acknowledge(AcknowledgementKind.OK, null, T0.plusSeconds(1))).isEqualTo(Acknowledged.CONFLICT);
        assertThat(push.status()).isEqualTo(DeliveryStatus.FAILED_DELIVERY);
        assertThat(push.acknowledgedAt()).isNull();
    }

    @Test
    void aResendMakesAFailedDeliveryPendingAndDueWithAFreshRetryWindow() {
        push.claim("node-a", T0.plusSeconds(300), NODE);
        push.countAttempt(T0);
        push.countAttempt(T0.plusSeconds(60));
        push.fail(T0.plusSeconds(60));

        Instant now = T0.plusSeconds(3600);
        push.resend(now);

        assertThat(push.status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(push.nextAttemptAt()).isEqualTo(now);
        assertThat(push.failedAt()).isNull();
        assertThat(push.firstAttemptAt()).as("the retry window starts again").isNull();
        assertThat(push.attempts()).as("the attempts made stay counted").isEqualTo(2);
        assertThat(push.claimedBy("node-a")).isFalse();
        assertThat(push.countAttempt(now)).isEqualTo(3);
        assertThat(push.firstAttemptAt()).isEqualTo(now);
    }

    @Test
    void onlyAFailedDeliveryCanBeResent() {
        assertThatThrownBy(() -> push.resend(T0)).isInstanceOf(IllegalStateException.class);

        push.acknowledge(AcknowledgementKind.OK, null, T0);
        assertThatThrownBy(() -> push.resend(T0)).isInstanceOf(IllegalStateException.class);
        assertThat(push.status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void awaitingAPullDropsTheDueTimeAndTheClaimButStaysPending() {
        push.claim("node-a", T0.plusSeconds(300), NODE);

        push.awaitPull();

        assertThat(push.nextAttemptAt()).isNull();
        assertThat(push.claimedBy("node-a")).isFalse();
        assertThat(push.claimedUntil()).isNull();
        assertThat(push.isPending()).isTrue();
    }
}
