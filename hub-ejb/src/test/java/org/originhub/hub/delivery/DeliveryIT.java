package org.originhub.hub.delivery;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.originhub.hub.delivery.boundary.Deliveries;
import org.originhub.hub.delivery.control.PushSlots;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.originhub.hub.exchange.Envelopes.co;
import static org.originhub.hub.exchange.Envelopes.replacement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.alerts.boundary.AlertView;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.delivery.boundary.PushTransport;
import org.originhub.hub.delivery.control.BackoffPolicy;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.ExchangeWorld;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.AttemptView;
import org.originhub.hub.exchange.boundary.DeliveredDocument;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.entity.Refusal;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.boundary.TrackingView;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.testing.MutableClock;

/**
 * PUSH delivery on the real schema with a recording transport: retries under the backoff policy with the attempt
 * history, giving up (FAILED_DELIVERY, alert, audit) and the console's resend, claims shared by two nodes without a
 * message pushed twice, a crashed node's claim expiring, and ordering per CO.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class DeliveryIT {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private ExchangeWorld hub;
    private Member kenya;
    private Member tanzania;
    private String agreement;
    private RecordingTransport transport;

    @BeforeEach
    void community(DataSource dataSource) {
        hub = new ExchangeWorld(ExchangeWorld.persistence(dataSource), new MutableClock());
        kenya = hub.member(DeliveryMode.PULL);
        tanzania = hub.member(DeliveryMode.PUSH);
        agreement = hub.agreement(kenya, tanzania);
        transport = new RecordingTransport();
        hub.transport(transport);
        // the queue is shared by all tests: each test's clock starts a month before the previous test's, so what an
        // earlier test left pending is never due in a later one
        hub.clock.set(Instant.parse("2090-01-01T00:00:00Z").minus(Duration.ofDays(30L * TESTS.getAndIncrement())));
    }

    @Test
    void aPushThatFailsThreeTimesIsRetriedWithDoublingDelaysThenDelivered() {
        Submission submission = co(kenya, tanzania, agreement, "KE-P1");
        Receipt receipt = hub.submit(kenya.sender(), submission);
        Instant start = hub.clock.instant();
        transport.failNext(3);

        assertThat(round()).isEqualTo(1);
        assertThat(round()).as("not due again yet").isZero();
        assertThat(next(receipt)).isEqualTo(start.plus(Duration.ofMinutes(1)));
        hub.clock.advance(Duration.ofMinutes(1));
        assertThat(round()).isEqualTo(1);
        assertThat(next(receipt)).isEqualTo(start.plus(Duration.ofMinutes(3)));
        hub.clock.advance(Duration.ofMinutes(2));
        assertThat(round()).isEqualTo(1);
        assertThat(next(receipt)).isEqualTo(start.plus(Duration.ofMinutes(7)));
        hub.clock.advance(Duration.ofMinutes(3));
        assertThat(round()).as("a minute early").isZero();
        hub.clock.advance(Duration.ofMinutes(1));
        assertThat(round()).isEqualTo(1);

        TrackingView view = track(receipt);
        assertThat(view.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(view.attempts()).isEqualTo(4);
        assertThat(view.history()).extracting(AttemptView::outcome).containsExactly("FAILED", "FAILED", "FAILED",
                "ACKNOWLEDGED");
        assertThat(view.history()).extracting(AttemptView::at).containsExactly(start,
                start.plus(Duration.ofMinutes(1)), start.plus(Duration.ofMinutes(3)),
                start.plus(Duration.ofMinutes(7)));
        assertThat(view.history().get(0).detail()).contains("connection refused");
        assertThat(transport.calls).extracting(Call::attempt).containsExactly(1, 2, 3, 4);
        Call last = transport.calls.get(3);
        assertThat(last.endpoint()).isEqualTo("https://gw." + tanzania.code().toLowerCase() + ".example/push");
        assertThat(last.certificates()).containsExactly(tanzania.fingerprint());
        assertThat(last.document().payload()).isEqualTo(submission.payload());
        assertThat(last.document().payloadSha256()).isEqualTo(receipt.payloadSha256());
        assertThat(last.document().envelope()).isEqualTo(submission.envelope());
        assertThat(hub.audits("DELIVERY_ATTEMPTED", receipt.trackingNumber())).extracting(r -> r.entry().outcome()
                .name()).containsExactly("FAILED", "FAILED", "FAILED", "SUCCESS");
        assertThat(hub.audits("DELIVERED", receipt.trackingNumber())).hasSize(1);
    }

    @Test
    void afterTheGiveUpPeriodTheDeliveryFailsWithAnAlertAndCanBeResent() {
        hub.policy(new BackoffPolicy(Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(10)));
        Receipt receipt = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-P2"));
        Instant start = hub.clock.instant();
        transport.failNext(Integer.MAX_VALUE);

        List<Instant> attempts = new ArrayList<>();
        for (int i = 0; i < 20 && hub.message(receipt.trackingNumber()).delivery().isPending(); i++) {
            Instant due = next(receipt);
            hub.clock.set(due);
            attempts.add(due);
            assertThat(round()).isEqualTo(1);
        }

        assertThat(attempts).containsExactly(start, start.plus(Duration.ofMinutes(1)),
                start.plus(Duration.ofMinutes(3)), start.plus(Duration.ofMinutes(7)),
                start.plus(Duration.ofMinutes(10)));
        ExchangeMessage failed = hub.message(receipt.trackingNumber());
        assertThat(failed.delivery().status()).isEqualTo(DeliveryStatus.FAILED_DELIVERY);
        assertThat(failed.delivery().nextAttemptAt()).isNull();
        List<AlertView> alerts = hub.tx(w -> w.alerts.open());
        assertThat(alerts).filteredOn(a -> a.kind().equals("DELIVERY_FAILED"))
                .anySatisfy(a -> assertThat(a.message()).contains(receipt.trackingNumber()).contains("5 attempts"));
        assertThat(hub.audits("DELIVERY_FAILED", receipt.trackingNumber())).hasSize(1);
        hub.clock.advance(Duration.ofHours(1));
        assertThat(round()).as("a failed delivery is not retried").isZero();

        ExchangeRefusedException notFailed = catchThrowableOfType(ExchangeRefusedException.class, () -> hub.tx(w ->
                w.deliveries.retryNow(ExchangeWorld.ADMIN, "OH-UNKNOWN")));
        assertThat(notFailed.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
        DeliveryStatus resent = hub.tx(w -> w.deliveries.retryNow(ExchangeWorld.ADMIN, receipt.trackingNumber()));
        assertThat(resent).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(hub.audits("DELIVERY_RESENT", receipt.trackingNumber())).hasSize(1);
        transport.failNext(0);
        assertThat(round()).isEqualTo(1);
        assertThat(track(receipt).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(track(receipt).attempts()).isEqualTo(6);
        ExchangeRefusedException delivered = catchThrowableOfType(ExchangeRefusedException.class, () -> hub.tx(w ->
                w.deliveries.retryNow(ExchangeWorld.ADMIN, receipt.trackingNumber())));
        assertThat(delivered.refusal()).isEqualTo(Refusal.INVALID_REQUEST);
    }

    @Test
    void withoutAPushTransportAnAttemptFailsWithAClearReason() {
        hub.transport(null);
        Receipt receipt = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-P3"));

        assertThat(round()).isEqualTo(1);

        TrackingView view = track(receipt);
        assertThat(view.status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
        assertThat(view.history()).singleElement().satisfies(a -> assertThat(a.detail())
                .contains("no push transport"));
    }

    @Test
    void aReplacementIsPushedOnlyAfterTheCoItReplacesWasAcknowledged() {
        Receipt original = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-P4"));
        Receipt replacing = hub.submit(kenya.sender(), replacement(kenya, tanzania, agreement, "KE-P4-R",
                "KE-P4"));
        transport.failNext(1);

        assertThat(round()).isEqualTo(1);
        assertThat(transport.pushed()).containsExactly(original.trackingNumber());
        hub.clock.advance(Duration.ofMinutes(1));
        assertThat(round()).as("the original again, the replacement still held").isEqualTo(1);
        assertThat(round()).as("released by the acknowledgement").isEqualTo(1);

        assertThat(transport.pushed()).containsExactly(original.trackingNumber(), original.trackingNumber(),
                replacing.trackingNumber());
    }

    @Test
    void twoNodesClaimingAtOnceNeverPushTheSameMessageTwice() throws Exception {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            submitted.add(hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-N-" + i)).trackingNumber());
        }
        transport.slow(Duration.ofMillis(15));
        ExchangeWorld otherNode = new ExchangeWorld(hub.persistence, hub.clock);
        otherNode.transport(transport);
        hub.node("node-a");
        otherNode.node("node-b");
        hub.batch(4);
        otherNode.batch(4);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Function<ExchangeWorld, Future<Integer>> worker = node -> threads.submit(() -> {
                start.await();
                int total = 0;
                for (int n; (n = node.deliveries.deliverDueNow()) > 0;) {
                    total += n;
                }
                return total;
            });
            Future<Integer> a = worker.apply(hub);
            Future<Integer> b = worker.apply(otherNode);
            start.countDown();
            int byA = a.get(120, TimeUnit.SECONDS);
            int byB = b.get(120, TimeUnit.SECONDS);

            assertThat(byA + byB).isEqualTo(40);
            System.out.printf("two nodes shared 40 deliveries: node-a %d, node-b %d%n", byA, byB);
        } finally {
            threads.shutdownNow();
        }
        assertThat(transport.pushed()).hasSize(40).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(submitted);
        for (String tracking : submitted) {
            assertThat(hub.message(tracking).delivery().status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void aClaimLeftByACrashedNodeExpiresAndTheMessageIsPushedAgain() {
        Receipt receipt = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-P5"));
        // a node claims it and dies before pushing or recording anything
        hub.tx(w -> w.queue.claim(10, "crashed-node", w.clock.instant(), Duration.ofMinutes(5), java.util.Set.of(),
                org.originhub.hub.configuration.entity.NodeIncarnation.startOf(
                        new org.originhub.hub.configuration.entity.NodeName("crashed-node"))));

        assertThat(round()).as("claimed by the dead node").isZero();
        hub.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(round()).isEqualTo(1);

        assertThat(transport.calls).singleElement().satisfies(c -> {
            assertThat(c.document().trackingNumber()).isEqualTo(receipt.trackingNumber());
            assertThat(c.attempt()).isEqualTo(1);
        });
        assertThat(track(receipt).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aSlowRecipientHoldsUpOnlyItsOwnDeliveries() throws Exception {
        Member uganda = hub.member(DeliveryMode.PUSH);
        String eac = hub.agreement(kenya, uganda);
        CountDownLatch tanzaniaAnswers = new CountDownLatch(1);
        List<String> arrivals = new CopyOnWriteArrayList<>();
        hub.transport(tanzaniaWaitsFor(tanzaniaAnswers, arrivals));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        PushSlots slots = new PushSlots(16, 1);
        PushSlots previous = slots().getAndSet(slots);
        try {
            hub.pushExecutor(pool);
            Receipt slow1 = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-SLOW-1"));
            Receipt slow2 = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-SLOW-2"));
            Receipt fast = hub.submit(kenya.sender(), co(kenya, uganda, eac, "KE-FAST-1"));

            assertThat(round()).as("one push per gateway at a time: the second to Tanzania waits").isEqualTo(2);
            // (the test harness shares one EntityManager: touch it only once the pushes in flight have recorded)
            awaitRunning(slots, 1);
            assertThat(track(fast).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(track(slow1).status()).isEqualTo(DeliveryStatus.PENDING_DELIVERY);
            ExchangeMessage waiting = hub.message(slow2.trackingNumber());
            assertThat(waiting.delivery().attempts()).as("released unpushed, no attempt counted").isZero();
            assertThat(round()).as("Tanzania's slot is still taken").isZero();

            tanzaniaAnswers.countDown();
            awaitRunning(slots, 0);
            assertThat(track(slow1).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(round()).isEqualTo(1);
            awaitRunning(slots, 0);
            assertThat(track(slow2).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(arrivals).containsExactly(fast.trackingNumber(), slow1.trackingNumber(),
                    slow2.trackingNumber());
        } finally {
            pool.shutdownNow();
            slots().set(previous);
        }
    }

    @Test
    void aSlowRecipientsBacklogDoesNotFillTheClaimsOfOthers() throws Exception {
        Member uganda = hub.member(DeliveryMode.PUSH);
        String eac = hub.agreement(kenya, uganda);
        CountDownLatch tanzaniaAnswers = new CountDownLatch(1);
        List<String> arrivals = new CopyOnWriteArrayList<>();
        hub.transport(tanzaniaWaitsFor(tanzaniaAnswers, arrivals));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        PushSlots slots = new PushSlots(16, 1);
        PushSlots previous = slots().getAndSet(slots);
        try {
            hub.pushExecutor(pool);
            hub.batch(2);
            Receipt slow1 = hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-BACKLOG-1"));
            hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-BACKLOG-2"));
            hub.submit(kenya.sender(), co(kenya, tanzania, agreement, "KE-BACKLOG-3"));
            Receipt fast = hub.submit(kenya.sender(), co(kenya, uganda, eac, "KE-BEHIND-1"));

            assertThat(round()).as("the oldest two are Tanzania's: one starts, one is given back").isEqualTo(1);
            assertThat(slots.saturated()).hasSize(1);
            // Tanzania's two waiting documents are older than Uganda's and the claim takes two: without leaving
            // Tanzania out of it, this round would claim them again and start nothing
            assertThat(round()).as("Uganda's document is claimed past Tanzania's backlog").isEqualTo(1);
            awaitRunning(slots, 1);
            assertThat(arrivals).containsExactly(fast.trackingNumber());

            tanzaniaAnswers.countDown();
            awaitRunning(slots, 0);
            assertThat(arrivals).containsExactly(fast.trackingNumber(), slow1.trackingNumber());
        } finally {
            tanzaniaAnswers.countDown();
            pool.shutdownNow();
            slots().set(previous);
        }
    }

    private static void awaitRunning(PushSlots slots, int running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && slots.running() != running) {
            Thread.sleep(20);
        }
        assertThat(slots.running()).as("pushes in flight").isEqualTo(running);
    }

    @SuppressWarnings("unchecked")
    private static java.util.concurrent.atomic.AtomicReference<PushSlots> slots() throws ReflectiveOperationException {
        java.lang.reflect.Field field = Deliveries.class.getDeclaredField("SLOTS");
        field.setAccessible(true);
        return (java.util.concurrent.atomic.AtomicReference<PushSlots>) field.get(null);
    }

    /**
     * A transport whose pushes to Tanzania wait until {@code answers} opens (a slow gateway), while every other
     * recipient is answered at once; {@code arrivals} records the order in which pushes completed.
     */
    private PushTransport tanzaniaWaitsFor(CountDownLatch answers, List<String> arrivals) {
        return (endpoint, document, attempt, certificates) -> {
            if (endpoint.contains(tanzania.code().toLowerCase())) {
                try {
                    answers.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            arrivals.add(document.trackingNumber());
            return PushOutcome.acknowledged(AcknowledgementKind.OK, null);
        };
    }

    private int round() {
        return hub.deliveries.deliverDueNow();
    }

    private Instant next(Receipt receipt) {
        return hub.message(receipt.trackingNumber()).delivery().nextAttemptAt();
    }

    private TrackingView track(Receipt receipt) {
        return hub.tx(w -> w.exchanges.track(kenya.sender(), List.of(receipt.trackingNumber()))).get(0)
                .orElseThrow();
    }

    record Call(String endpoint, DeliveredDocument document, int attempt, Set<String> certificates) {
    }

    /** The SOAP edge's push client stand-in: records every call; fails the next N, optionally slowly. */
    static final class RecordingTransport implements PushTransport {
        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger failures = new AtomicInteger();
        private final Map<String, Integer> perTracking = new ConcurrentHashMap<>();
        private volatile Duration delay = Duration.ZERO;

        void failNext(int n) {
            failures.set(n);
        }

        void slow(Duration d) {
            delay = d;
        }

        List<String> pushed() {
            synchronized (calls) {
                return calls.stream().map(c -> c.document().trackingNumber()).toList();
            }
        }

        @Override
        public PushOutcome push(String endpointUrl, DeliveredDocument document, int attempt,
                Set<String> recipientCertificates) {
            calls.add(new Call(endpointUrl, document, attempt, recipientCertificates));
            perTracking.merge(document.trackingNumber(), 1, Integer::sum);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failures.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n) > 0) {
                return PushOutcome.failed("connection refused by " + endpointUrl);
            }
            return PushOutcome.acknowledged(AcknowledgementKind.OK, null);
        }
    }
}
