package org.originhub.hub.delivery.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.originhub.hub.exchange.boundary.PushDue;

/**
 * When delivery rounds run: on a tick, and at once when a PUSH document's intake commits, coalesced, never two at a
 * time, and no further round after one that did not fill its claim.
 */
class DeliveryTimerTest {

    /** Rounds that start the given numbers of deliveries, one after the other (then none), out of a batch of 20. */
    private static final class ScriptedDeliveries extends Deliveries {
        static final int BATCH = 20;
        final Deque<Integer> found = new ArrayDeque<>();
        int rounds;
        Runnable duringFirstRound = () -> { };

        @Override
        public Round round() {
            rounds++;
            if (rounds == 1) {
                duringFirstRound.run();
            }
            int started = found.isEmpty() ? 0 : found.poll();
            return new Round(started, started >= BATCH);
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
    void aCommittedPushDocumentStartsARunOnTheExecutorThatClaimsWhileItsClaimsAreFull() {
        deliveries.found.addAll(List.of(20, 20, 3));

        timer.pushDue(new PushDue("OH-1"));

        assertThat(deliveries.rounds).as("nothing runs in the submitting thread").isZero();
        assertThat(submitted).hasSize(1);
        submitted.get(0).run();
        assertThat(deliveries.rounds).as("20 and 20 filled their claims, 3 did not: no empty round after it")
                .isEqualTo(3);
    }

    @Test
    void aBurstOfCommitsBeforeTheRunStartsMakesOneTaskAndOneRun() {
        deliveries.found.addAll(List.of(5));

        for (int i = 0; i < 10; i++) {
            timer.pushDue(new PushDue("OH-B" + i));
        }

        assertThat(submitted).as("one task for the whole burst").hasSize(1);
        submitted.get(0).run();
        assertThat(deliveries.rounds).isEqualTo(1);
        timer.pushDue(new PushDue("OH-after"));
        assertThat(submitted).as("a commit after the run ended wakes delivery again").hasSize(2);
    }

    @Test
    void aCommitDuringARunMakesThatRunGoOnceMoreInsteadOfStartingASecondOne() {
        deliveries.found.add(5);
        deliveries.duringFirstRound = () -> timer.pushDue(new PushDue("OH-2"));

        timer.tick();

        assertThat(submitted).as("no second run while one is in progress").isEmpty();
        // first run: 5 (not full, so it stops); asked again meanwhile: one more round, which finds none
        assertThat(deliveries.rounds).isEqualTo(2);
    }

    @Test
    void withoutAFreeThreadTheDocumentIsLeftToTheNextTickAndTheNextCommitTriesAgain() {
        timer.executor = task -> {
            throw new RejectedExecutionException("saturated");
        };
        deliveries.found.add(1);

        timer.pushDue(new PushDue("OH-3"));
        assertThat(deliveries.rounds).isZero();

        timer.tick();
        assertThat(deliveries.rounds).isEqualTo(1);

        timer.executor = submitted::add;
        timer.pushDue(new PushDue("OH-4"));
        assertThat(submitted).as("a refused task does not block later wake-ups").hasSize(1);
    }

    @Test
    void theWakeUpObservesOnlyCommittedIntakesSoARolledBackOneWakesNothing() throws NoSuchMethodException {
        Method observer = DeliveryTimer.class.getMethod("pushDue", PushDue.class);

        Observes observes = observer.getParameters()[0].getAnnotation(Observes.class);

        assertThat(observes).isNotNull();
        assertThat(observes.during()).isEqualTo(TransactionPhase.AFTER_SUCCESS);
    }
}
