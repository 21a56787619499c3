package org.originhub.web.edge;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.originhub.hub.configuration.boundary.HubStatus;

/**
 * The first filter of every request (web.xml maps it first, for REQUEST and ASYNC dispatches).
 *
 * <p>Request bodies to {@code /services} (anonymous callers: the WS-Security pipeline establishes the sender only
 * once the body is there) are read with Servlet non-blocking I/O before any servlet runs: the filter starts an asynchronous cycle, a {@link ReadListener} collects the body into memory as it arrives
 * (no thread waits for a slow client: the container calls the listener when bytes are there), and only the complete
 * body is dispatched to the servlet, which reads it from memory. So a client that declares a body and sends part of
 * it holds a socket, never a worker thread; when the body has not arrived within {@code HUB_REQUEST_BODY_TIMEOUT} it is
 * answered 408 (a SOAP {@code InvalidRequest} fault on {@code /services}). That deadline is the hub's own timer, not
 * the asynchronous cycle's timeout: the container's timeout would also run while the servlet works on the dispatched
 * request, and end it with an error when the work takes longer than the body was allowed to take. The bodies held in
 * memory at once share one budget ({@link BodyBudget}, {@code HUB_REQUEST_BUFFER_BYTES}): a body that would pass it
 * is answered {@code ServiceUnavailable} at once, and each body's bytes are counted as they arrive, never by what it
 * declares. A declared
 * {@code Content-Length} over the path's limit is refused at once, a chunked body as soon as it passes the limit
 * ({@code TooLarge} / 413).
 *
 * <p>API bodies are read by the resource, after the caller's password was checked (an anonymous caller is refused
 * before any of its body is read), bounded by {@code RequestBodyLimit}; the asynchronous dispatch is not used there,
 * since the container's role checks ({@code isUserInRole}) do not hold on it. Other bodies (console forms) are read
 * by the worker thread, at most {@value #BLOCKING_BODIES} at a time; so are the bodies of requests that offer a
 * protocol upgrade ({@code Upgrade: h2c}), whose body the container reads as part of the upgrade.
 *
 * <p>On every path, the servlets see the hub's public address instead of the caller's {@code Host} header
 * ({@link EdgeRequest}) and redirects never repeat it ({@link EdgeResponse}), and every response names the node that
 * answered it in the {@code Origin-Hub-Node} header ({@link NodeNamedResponse}), refusals included.
 */
public class HttpEdge implements Filter {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class.getName());
    private static final String BODY = HttpEdge.class.getName() + ".body";
    private static final int CHUNK = 16 * 1024;
    static final int BLOCKING_BODIES = 16;

    private final Semaphore blockingBodies = new Semaphore(BLOCKING_BODIES);

    private EdgeSettings settings;
    private BodyBudget budget;
    private String node;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService timer;

    @Inject
    HubStatus hub;

    @Override
    public void init(FilterConfig config) {
        configure(EdgeSettings.from(ConfigProvider.getConfig()), hub.nodeName());
    }

    /** The edge's settings and the name of the node it answers for. */
    void configure(EdgeSettings edgeSettings, String nodeName) {
        settings = edgeSettings;
        budget = new BodyBudget(edgeSettings.bodyBufferBytes());
        node = nodeName;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            response = new NodeNamedResponse(response, node);
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] b) {
            request.removeAttribute(BODY);
            pass(request, response, b, chain);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        String path = path(request);
        long limit = settings.maxBodyBytes(path);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            LOG.info(() -> "Refused a request to " + path + " declaring " + declared + " bytes (limit " + limit + ")");
            Refusal.TOO_LARGE.send(response, path);
            return;
        }
        boolean services = EdgeSettings.under(path, "/services");
        if (services) {
            Optional<String> problem = SoapTransport.problem(request);
            if (problem.isPresent()) {
                LOG.info(() -> "Refused a request to " + path + ": " + problem.get());
                Refusal.BAD_CONTENT_TYPE.send(response, path, problem.get());
                return;
            }
        }
        if (!hasBody(request, declared) || EdgeSettings.under(path, "/api")) {
            // The API reads its bodies itself, bounded by RequestBodyLimit, after the password check (anonymous
            // callers never send one): Payara does not enforce the caller's roles on an asynchronous dispatch, where
            // wrong roles are admitted.
            pass(request, response, null, chain);
            return;
        }
        if (!services || request.getHeader("Upgrade") != null) {
            // A request offering a protocol upgrade (h2c, which Java's HttpClient offers by default) has its body
            // read by the container's upgrade handling: a non-blocking read of it never completes.
            passBlocking(request, response, path, chain);
            return;
        }
        if (!request.isAsyncSupported()) {
            // A servlet or filter on this path is not asynchronous: read the body the blocking way, bounded by the
            // listener's read timeout (never the case for the hub's own servlets; see HttpEdgeCases).
            LOG.warning(() -> "No asynchronous support on " + path + ": its body is read by a worker thread");
            pass(request, response, null, chain);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0);
        BodyReader reader = new BodyReader(async, request, response, path, limit, declared, budget);
        async.addListener(reader);
        reader.deadline(timer.schedule(reader::timedOut, settings.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS));
        request.getInputStream().setReadListener(reader);
    }

    /**
     * A body this filter does not read (console forms, whose parameters and uploads the container parses from its
     * own stream) is read by the worker thread, bounded by the listener's read timeout. At most
     * {@value #BLOCKING_BODIES} such requests run at once; more are answered 503 at once, so clients holding partial
     * form posts can occupy only that many threads, never the pool that serves the SOAP services, the API and health.
     */
    private void passBlocking(HttpServletRequest request, HttpServletResponse response, String path,
            FilterChain chain) throws IOException, ServletException {
        if (!blockingBodies.tryAcquire()) {
            LOG.info(() -> "Refused a request to " + path + ": " + BLOCKING_BODIES + " bodies are being read by worker threads");
            Refusal.BUSY.send(response, path);
            return;
        }
        try {
            pass(request, response, null, chain);
        } finally {
            blockingBodies.release();
        }
    }

    private void pass(HttpServletRequest request, HttpServletResponse response, byte[] body, FilterChain chain)
            throws IOException, ServletException {
        EdgeRequest view = new EdgeRequest(request, settings, body);
        chain.doFilter(view, new EdgeResponse(response, view, settings.publicUrl().isPresent()));
    }

    private static boolean hasBody(HttpServletRequest request, long declared) {
        String encoding = request.getHeader("Transfer-Encoding");
        return declared > 0 || encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    /**
     * Collects one request body as the container delivers it, then dispatches the request to its servlet. Exactly
     * one of dispatch, refusal or abandonment ends the cycle ({@code done}): the container may report a timeout while
     * the last bytes are being read.
     */
    private static final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final String path;
        private final long limit;
        private final long declared;
        private final BodyBudget budget;
        private final Body body;
        private final byte[] chunk = new byte[CHUNK];
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicBoolean givenBack = new AtomicBoolean();
        private volatile boolean allRead;
        private volatile Future<?> deadline;

        BodyReader(AsyncContext async, HttpServletRequest request, HttpServletResponse response, String path,
                long limit, long declared, BodyBudget budget) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.path = path;
            this.limit = limit;
            this.declared = declared;
            this.budget = budget;
            this.body = new Body(Math.min(declared, limit));
        }

        @Override
        public void onDataAvailable() throws IOException {
            if (!done.get() && read() && allRead) {
                dispatchWhenComplete();
            }
        }

        /** Reads what the container has; false once the request was refused. */
        private boolean read() throws IOException {
            ServletInputStream in = request.getInputStream();
            int n;
            while (!done.get() && in.isReady() && (n = in.read(chunk)) >= 0) {
                if (body.size() + (long) n > limit) {
                    LOG.info(() -> "Refused a request to " + path + " whose body passed " + limit + " bytes");
                    refuse(Refusal.TOO_LARGE);
                    return false;
                }
                if (!budget.take(n)) {
                    LOG.info(() -> "Refused a request to " + path + ": the request bodies held in memory would pass "
                            + budget.capacity() + " bytes (HUB_REQUEST_BUFFER_BYTES)");
                    refuse(Refusal.BUSY);
                    return false;
                }
                body.append(chunk, n);
            }
            return !done.get();
        }

        void deadline(Future<?> timer) {
            deadline = timer;
            if (done.get()) {
                timer.cancel(false);
            }
        }

        /**
         * The container reports the end of the body. On an HTTP/2 stream Grizzly reports it as soon as the stream's
         * last frame is seen, sometimes before that frame's bytes can be read: a body with a declared length is
         * complete only once that many bytes are here, and the rest arrives with a further
         * {@link #onDataAvailable()} (within the body deadline like any other byte).
         */
        @Override
        public void onAllDataRead() throws IOException {
            allRead = true;
            // The stream is touched again only when bytes are missing: a readiness check after the end can leave
            // the container a read interest in a request it recycles for the next one.
            if (!missing() || read()) {
                dispatchWhenComplete();
            }
        }

        private boolean missing() {
            return declared >= 0 && body.size() < declared;
        }

        private void dispatchWhenComplete() {
            if (missing()) {
                LOG.fine(() -> "The end of a request body to " + path + " was reported after " + body.size()
                        + " of its " + declared + " bytes; waiting for the rest");
                return;
            }
            if (done.compareAndSet(false, true)) {
                cancelDeadline();
                request.setAttribute(BODY, body.whole());
                async.dispatch();
            }
        }

        /** The body did not arrive within {@code HUB_REQUEST_BODY_TIMEOUT}. */
        void timedOut() {
            if (!done.get()) {
                LOG.info(() -> "Refused a request to " + path + " whose body did not arrive in time ("
                        + body.size() + " bytes read)");
            }
            refuse(Refusal.BODY_TIMEOUT);
        }

        @Override
        public void onError(Throwable failure) {
            // The client went away or the connection broke: nobody is left to answer.
            if (done.compareAndSet(false, true)) {
                cancelDeadline();
                LOG.fine(() -> "A request body to " + path + " was not read: " + failure);
                complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // The cycle has no container timeout (setTimeout(0)); the deadline is timedOut().
            refuse(Refusal.BODY_TIMEOUT);
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        /** The request has ended, answered or not: its body's bytes go back to the budget. */
        @Override
        public void onComplete(AsyncEvent event) {
            if (givenBack.compareAndSet(false, true)) {
                budget.give(body.size());
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void refuse(Refusal refusal) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            cancelDeadline();
            try {
                refusal.send(response, path);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not answer a refused request to " + path, e);
            }
            complete();
        }

        private void cancelDeadline() {
            Future<?> timer = deadline;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        private void complete() {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "The asynchronous cycle of a request to " + path + " had ended", e);
            }
        }
    }

    /**
     * A request body as it arrives: starts small whatever the request declares (a declared length costs nothing until
     * its bytes come), grows by doubling up to the declared length, and hands over its array without a copy when the
     * declared length arrived.
     */
    private static final class Body {

        private static final int FIRST = 64 * 1024;

        private final long expected;
        private byte[] bytes;
        private volatile int size;

        Body(long expected) {
            this.expected = expected;
            this.bytes = new byte[(int) Math.min(expected > 0 ? expected : CHUNK, FIRST)];
        }

        void append(byte[] from, int n) {
            if (size + n > bytes.length) {
                long next = Math.max(size + (long) n, 2L * bytes.length);
                if (expected >= size + (long) n) {
                    next = Math.min(next, expected);
                }
                bytes = Arrays.copyOf(bytes, (int) next);
            }
            System.arraycopy(from, 0, bytes, size, n);
            size += n;
        }

        int size() {
            return size;
        }

        byte[] whole() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
