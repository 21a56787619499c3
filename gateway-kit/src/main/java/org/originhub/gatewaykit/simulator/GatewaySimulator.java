package org.originhub.gatewaykit.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.originhub.gatewaykit.client.Envelopes;
import org.originhub.gatewaykit.client.ReceivedDocument;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveredDocument;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.WsSecurityProfile;

/**
 * A PUSH gateway on loopback for tests, demos and benchmarks: serves DeliverDocument (gateway-push.wsdl), accepts only
 * requests signed by a pinned hub certificate per the profile (anything else gets a signed SecurityError fault),
 * stores each document (in memory, and in a folder when asked), and answers a signed acknowledgement.
 *
 * <pre>
 * try (GatewaySimulator gateway = GatewaySimulator.builder(gatewayKeystore, PinnedCertificates.of(hubCertificate))
 *         .port(0).path("/gateway/tz").start()) {
 *     register(gateway.url());                       // http://127.0.0.1:PORT/gateway/tz
 *     List&lt;ReceivedDocument&gt; documents = gateway.awaitDocuments(1, Duration.ofSeconds(30));
 * }
 * </pre>
 *
 * <p>Behaviour, changeable while running: the acknowledgement ({@code OK} by default, {@code OK_WITH_WARNINGS},
 * {@code NOT_READABLE}); {@link #failNext(int)} answers the next deliveries with the fault ServiceUnavailable (the hub
 * retries); {@link #delay(Duration)} answers slowly (the document is kept, the answer may come after the hub's receive
 * timeout); {@link #stall(Duration)} takes each delivery and does not answer for a while, then drops it unkept (a
 * gateway that accepts connections but hangs). A document whose payload does not match its SHA-256 is
 * acknowledged NOT_READABLE whatever the setting. Repeats of a tracking number get the first acknowledgement again
 * and are counted, never stored twice.
 */
public final class GatewaySimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewaySimulator.class.getName());
    static final String DEFAULT_WARNING = "Simulated gateway: received, with warnings";
    static final String DEFAULT_NOT_READABLE = "Simulated gateway: the document cannot be read";

    private final SoapHttpServer server;
    private final String url;
    private final Path storeDirectory;
    private final Clock clock = Clock.systemUTC();

    private final Map<String, Delivery> accepted = new ConcurrentHashMap<>();
    private final List<Delivery> arrivals = new ArrayList<>();
    private final Map<String, AtomicInteger> deliveriesPerTrackingNumber = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failEvery;
    private final AtomicInteger stalledCalls = new AtomicInteger();
    private final Object stallLock = new Object();
    private Duration stall = Duration.ZERO;
    private volatile AcknowledgementKind acknowledgement;
    private volatile String acknowledgementText;
    private volatile Duration delay;
    private final Consumer<Delivery> listener;
    private final RepeatListener repeatListener;

    private GatewaySimulator(Builder builder) throws IOException {
        this.storeDirectory = builder.storeDirectory;
        if (storeDirectory != null) {
            Files.createDirectories(storeDirectory);
        }
        this.acknowledgement = builder.acknowledgement;
        this.acknowledgementText = builder.acknowledgementText;
        this.delay = builder.delay;
        this.failNext.set(builder.failNext);
        this.failEvery = builder.failEvery;
        this.listener = builder.listener;
        this.repeatListener = builder.repeatListener;
        this.server = SoapHttpServer.start(builder.host, builder.port);
        try {
            this.url = server.publish(builder.path, new PushEndpoint(this),
                    endpoint -> secure(endpoint, builder.keystore, builder.hub));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public static Builder builder(GatewayKeystore gatewayKeystore, PinnedCertificates hubCertificates) {
        return new Builder(gatewayKeystore, hubCertificates);
    }

    /**
     * The security chain: requests verified against the hub's pin and checked for replay before the endpoint runs;
     * responses and faults signed with the gateway's key, faults first rewritten to the hub's codes.
     */
    private void secure(EndpointImpl endpoint, GatewayKeystore keystore, PinnedCertificates hub) {
        WsSecurityProfile.verifyRequests(endpoint, hub);
        endpoint.getInInterceptors().add(new ReplayCheck(clock));
        endpoint.getOutInterceptors().add(WsSecurityProfile.signer(keystore));
        endpoint.getOutFaultInterceptors().add(new SimulatorFaults(refused::incrementAndGet));
        endpoint.getOutFaultInterceptors().add(WsSecurityProfile.signer(keystore));
        Map<String, Object> properties = endpoint.getProperties() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(endpoint.getProperties());
        properties.put(Message.FAULT_STACKTRACE_ENABLED, Boolean.FALSE);
        properties.put(Message.EXCEPTION_MESSAGE_CAUSE_ENABLED, Boolean.FALSE);
        endpoint.setProperties(properties);
    }

    /** What DeliverDocument does once the request is verified. */
    Delivery deliver(DeliveredDocument delivered, int attempt, String hubSigner) {
        int call = deliveries.incrementAndGet();
        String trackingNumber = delivered.getTrackingNumber();
        deliveriesPerTrackingNumber.computeIfAbsent(trackingNumber, k -> new AtomicInteger()).incrementAndGet();
        if (holdStalled()) {
            throw new GatewayUnavailableException();
        }
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            unavailable.incrementAndGet();
            throw new GatewayUnavailableException();
        }
        int every = failEvery;
        if (every > 0 && call % every == 0) {
            unavailable.incrementAndGet();
            throw new GatewayUnavailableException();
        }
        Duration wait = delay;
        if (wait != null && !wait.isZero()) {
            sleep(wait);
        }
        Delivery[] first = new Delivery[1];
        Delivery delivery = accepted.computeIfAbsent(trackingNumber, k -> {
            first[0] = accept(Envelopes.fromContract(delivered), attempt, hubSigner);
            return first[0];
        });
        if (first[0] != null) {
            synchronized (this) {
                arrivals.add(delivery);
                notifyAll();
            }
            if (listener != null) {
                listener.accept(delivery);
            }
        } else if (repeatListener != null) {
            repeatListener.repeated(delivery, attempt);
        }
        return delivery;
    }

    /**
     * While stalled: holds this delivery without an answer until the stall time has passed or the stall is lifted,
     * and reports it held (the caller then drops it, keeping nothing).
     */
    private boolean holdStalled() {
        synchronized (stallLock) {
            if (stall.isZero()) {
                return false;
            }
            stalledCalls.incrementAndGet();
            long until = System.nanoTime() + stall.toNanos();
            try {
                for (long left = until - System.nanoTime(); left > 0 && !stall.isZero();
                        left = until - System.nanoTime()) {
                    stallLock.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
    }

    private Delivery accept(ReceivedDocument document, int attempt, String hubSigner) {
        AcknowledgementKind kind = acknowledgement;
        String text = acknowledgementText;
        if (!document.payloadIntact()) {
            kind = AcknowledgementKind.NOT_READABLE;
            text = "The payload does not match its PayloadSha256";
        } else if (text == null && kind == AcknowledgementKind.OK_WITH_WARNINGS) {
            text = DEFAULT_WARNING;
        } else if (text == null && kind == AcknowledgementKind.NOT_READABLE) {
            text = DEFAULT_NOT_READABLE;
        }
        Delivery delivery = new Delivery(document, attempt, clock.instant(), kind, text, hubSigner);
        if (storeDirectory != null) {
            store(delivery);
        }
        return delivery;
    }

    /** {@code <tracking number>.xml} (the payload, byte for byte) and {@code <tracking number>.envelope.txt}. */
    private void store(Delivery delivery) {
        ReceivedDocument document = delivery.document();
        String name = document.trackingNumber().replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            write(storeDirectory.resolve(name + extension(document.mediaType())), document.payload());
            String envelope = "TrackingNumber: " + document.trackingNumber() + "\n"
                    + "ReceivedAt: " + document.receivedAt() + "\n"
                    + "From: " + document.envelope().from() + "\n"
                    + "To: " + document.envelope().to() + "\n"
                    + "Agreement: " + document.envelope().agreement() + "\n"
                    + "DocumentType: " + document.envelope().documentType() + "\n"
                    + "DocumentFunction: " + document.envelope().function() + "\n"
                    + "IssuerCoNumber: " + document.envelope().issuerCoNumber() + "\n"
                    + "SenderMessageId: " + document.envelope().senderMessageId() + "\n"
                    + "References: " + document.envelope().references() + "\n"
                    + "PayloadSha256: " + document.payloadSha256() + "\n"
                    + "SenderCertificateSha256: " + document.senderCertificateSha256() + "\n"
                    + "Acknowledgement: " + delivery.acknowledgement()
                    + (delivery.acknowledgementText() == null ? "" : " (" + delivery.acknowledgementText() + ")")
                    + "\n";
            write(storeDirectory.resolve(name + ".envelope.txt"), envelope.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The acknowledgement must not claim a document was kept that was not: let the hub retry.
            throw new GatewayUnavailableException();
        }
    }

    private static String extension(String mediaType) {
        return mediaType != null && mediaType.endsWith("xml") ? ".xml" : ".bin";
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException();
        }
    }

    /** The endpoint's URL, to register as the gateway's PUSH endpoint. */
    public String url() {
        return url;
    }

    /** The documents accepted so far, in arrival order (repeats not included). */
    public synchronized List<Delivery> received() {
        return List.copyOf(arrivals);
    }

    /** The received documents themselves, in arrival order. */
    public synchronized List<ReceivedDocument> documents() {
        List<ReceivedDocument> documents = new ArrayList<>();
        arrivals.forEach(d -> documents.add(d.document()));
        return documents;
    }

    /**
     * Waits until at least {@code count} distinct documents have been accepted.
     *
     * @return the first {@code count} documents, in arrival order
     * @throws TimeoutException when fewer arrived within {@code timeout}
     */
    public synchronized List<ReceivedDocument> awaitDocuments(int count, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(arrivals.size() + " of " + count + " documents arrived within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<ReceivedDocument> documents = new ArrayList<>();
        arrivals.subList(0, count).forEach(d -> documents.add(d.document()));
        return documents;
    }

    /** DeliverDocument calls that passed the security checks, repeats and refused ones included. */
    public int deliveries() {
        return deliveries.get();
    }

    /** DeliverDocument calls for one tracking number (first delivery, retries and repeats). */
    public int deliveries(String trackingNumber) {
        AtomicInteger count = deliveriesPerTrackingNumber.get(trackingNumber);
        return count == null ? 0 : count.get();
    }

    /** Calls answered ServiceUnavailable because of {@link #failNext(int)} or {@link #failEvery(int)}. */
    public int unavailableAnswers() {
        return unavailable.get();
    }

    /** Deliveries held without an answer and dropped because of {@link #stall(Duration)}. */
    public int stalledDeliveries() {
        return stalledCalls.get();
    }

    /** Requests refused by the security checks (signature, signer, timestamp, replay). */
    public int securityRefusals() {
        return refused.get();
    }

    /** Acknowledge documents from now on with this kind ({@code text} null for a default text). */
    public GatewaySimulator acknowledgeWith(AcknowledgementKind kind, String text) {
        this.acknowledgementText = text;
        this.acknowledgement = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /** Answer the next {@code count} deliveries with the fault ServiceUnavailable. */
    public GatewaySimulator failNext(int count) {
        failNext.set(Math.max(0, count));
        return this;
    }

    /**
     * Answer every {@code n}-th DeliverDocument call (counted as {@link #deliveries()} counts them: the n-th, the
     * 2n-th, ...) with the fault ServiceUnavailable, the document not kept; 100 fails 1 % of deliveries. A retry is a
     * call of its own, so it fails again only when it too falls on a multiple of {@code n}. 0 stops it.
     */
    public GatewaySimulator failEvery(int n) {
        this.failEvery = Math.max(0, n);
        return this;
    }

    /** Wait this long before answering each delivery (zero: answer at once). */
    public GatewaySimulator delay(Duration wait) {
        this.delay = wait == null ? Duration.ZERO : wait;
        return this;
    }

    /**
     * Hang: from now on take each delivery and give no answer for {@code hold}, then drop it without keeping the
     * document (and answer ServiceUnavailable, which a hub that gave up waiting no longer reads): a gateway that
     * accepts connections but does not answer. Use a hold longer than the hub's receive timeout. Zero (or null) lifts
     * the stall; deliveries held at that moment are dropped at once.
     */
    public GatewaySimulator stall(Duration hold) {
        synchronized (stallLock) {
            this.stall = hold == null || hold.isNegative() ? Duration.ZERO : hold;
            stallLock.notifyAll();
        }
        return this;
    }

    @Override
    public void close() {
        stall(Duration.ZERO);
        server.close();
        LOG.fine(() -> "Gateway simulator at " + url + " stopped");
    }

    @Override
    public String toString() {
        return "GatewaySimulator[" + url + "]";
    }

    /** Options of a simulator; {@link #start()} binds and serves. */
    public static final class Builder {
        private final GatewayKeystore keystore;
        private final PinnedCertificates hub;
        private String host = "127.0.0.1";
        private int port;
        private String path = "/gateway";
        private AcknowledgementKind acknowledgement = AcknowledgementKind.OK;
        private String acknowledgementText;
        private int failNext;
        private int failEvery;
        private Duration delay = Duration.ZERO;
        private Path storeDirectory;
        private Consumer<Delivery> listener;
        private RepeatListener repeatListener;

        private Builder(GatewayKeystore keystore, PinnedCertificates hub) {
            this.keystore = Objects.requireNonNull(keystore, "keystore");
            this.hub = Objects.requireNonNull(hub, "hub certificates");
        }

        /** The address to bind; loopback by default (a simulator has no business on a public interface). */
        public Builder host(String address) {
            this.host = address;
            return this;
        }

        /** 0 (the default) picks a free port; {@link GatewaySimulator#url()} tells which. */
        public Builder port(int number) {
            this.port = number;
            return this;
        }

        public Builder path(String endpointPath) {
            this.path = endpointPath;
            return this;
        }

        public Builder acknowledge(AcknowledgementKind kind, String text) {
            this.acknowledgement = Objects.requireNonNull(kind, "kind");
            this.acknowledgementText = text;
            return this;
        }

        public Builder failNext(int count) {
            this.failNext = Math.max(0, count);
            return this;
        }

        /** See {@link GatewaySimulator#failEvery(int)}. */
        public Builder failEvery(int n) {
            this.failEvery = Math.max(0, n);
            return this;
        }

        public Builder delay(Duration wait) {
            this.delay = wait == null ? Duration.ZERO : wait;
            return this;
        }

        /** Also write each accepted document into this folder. */
        public Builder storeIn(Path directory) {
            this.storeDirectory = directory;
            return this;
        }

        /** Called once per accepted document (not for repeats), on the serving thread. */
        public Builder onDelivery(Consumer<Delivery> callback) {
            this.listener = callback;
            return this;
        }

        /**
         * Called for each repeat of a tracking number already accepted (answered with the first acknowledgement), on
         * the serving thread: a hub that pushes a document twice, say after a node died before it recorded the first
         * acknowledgement.
         */
        public Builder onRepeat(RepeatListener callback) {
            this.repeatListener = callback;
            return this;
        }

        /**
         * Binds and serves.
         *
         * @throws IOException when the address cannot be bound or the store folder not created
         */
        public GatewaySimulator start() throws IOException {
            return new GatewaySimulator(this);
        }
    }

    /** A repeat of an accepted document: the first delivery, and the hub's attempt number of the repeat. */
    @FunctionalInterface
    public interface RepeatListener {
        void repeated(Delivery first, int attempt);
    }
}
