package org.originhub.web.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The edge's budget for request bodies held in memory: all or nothing per take, never over its capacity. */
class BodyBudgetTest {

    @Test
    void aTakeThatWouldPassTheCapacityTakesNothing() {
        BodyBudget budget = new BodyBudget(100);

        assertThat(budget.take(60)).isTrue();
        assertThat(budget.take(41)).isFalse();
        assertThat(budget.inUse()).isEqualTo(60);
        assertThat(budget.take(40)).isTrue();
        budget.give(60);
        assertThat(budget.inUse()).isEqualTo(40);
        assertThat(budget.take(60)).isTrue();
    }

    @Test
    void manyThreadsTakingAtOnceNeverPassTheCapacity() throws Exception {
        BodyBudget budget = new BodyBudget(1_000);
        AtomicInteger taken = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 1_000; i++) {
                    if (budget.take(7)) {
                        taken.addAndGet(7);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(taken.get()).isEqualTo(994).isEqualTo(budget.inUse());
    }

    @Test
    void theSettingsRefuseABudgetSmallerThanOneMessage() {
        assertThatThrownBy(() -> new EdgeSettings(Optional.empty(), Set.of(), 1000, 1000, Duration.ofSeconds(30), 999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HUB_REQUEST_BUFFER_BYTES");
    }
}
