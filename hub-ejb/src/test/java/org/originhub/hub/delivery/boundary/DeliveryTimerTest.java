package org.originhub.hub.delivery.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.originhub.hub.exchange.boundary.PushDue;

/** When delivery rounds run: on a tick, and at once when a PUSH document's intake commits, never two at a time. */
class DeliveryTimerTest {

    /** Rounds that find the given numbers of due deliveries, one after the other (then none). */
    private static final class ScriptedDeliveries extends Deliveries {
        final Deque<Integer> found = new ArrayDeque<>();
        int rounds;
        Runnable duringFirstRound = () -> { };

        @Override
        public int deliverDueNow() {
            rounds++;
            if (rounds == 1) {
                duringFirstRound.run();
            }
            return found.isEmpty() ? 0 : found.poll();
        }
    }

    private final ScriptedDeliveries deliveries = new ScriptedDeliveries();
    private final List<Runnable> submitted = new ArrayList<>();
    private final DeliveryTimer timer = new DeliveryTimer();

    DeliveryTimerTest() {
        timer.deliveries = deliveries;
        timer.executor = submitted::add;
    }

    @Test
    void aCommittedPushDocumentStartsARunOnTheExecutorThatClaimsWhileThereIsWork() {
        deliveries.found.addAll(List.of(20, 3));

        timer.pushDue(new PushDue("OH-1"));

        assertThat(deliveries.rounds).as("nothing runs in the submitting thread").isZero();
        assertThat(submitted).hasSize(1);
        submitted.get(0).run();
        assertThat(deliveries.rounds).isEqualTo(3); // 20, 3, then none due
    }

    @Test
    void aCommitDuringARunMakesThatRunGoOnceMoreInsteadOfStartingASecondOne() {
        deliveries.found.add(5);
        deliveries.duringFirstRound = () -> timer.pushDue(new PushDue("OH-2"));

        timer.tick();

        assertThat(submitted).as("no second run while one is in progress").isEmpty();
        // first run: 5, then none; asked again meanwhile: one more round, which finds none
        assertThat(deliveries.rounds).isEqualTo(3);
    }

    @Test
    void withoutAFreeThreadTheDocumentIsLeftToTheNextTick() {
        timer.executor = task -> {
            throw new RejectedExecutionException("saturated");
        };
        deliveries.found.add(1);

        timer.pushDue(new PushDue("OH-3"));
        assertThat(deliveries.rounds).isZero();

        timer.tick();
        assertThat(deliveries.rounds).isEqualTo(2);
    }
}
