package org.originhub.gatewaykit.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.Bus;
import org.apache.cxf.BusException;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.Conduit;
import org.apache.cxf.transport.ConduitInitiatorManager;
import org.apache.cxf.transport.local.LocalTransportFactory;

/**
 * Serves CXF endpoints over HTTP from the JDK's own HTTP server: each request's bytes are handed, unchanged, to the
 * endpoint through CXF's in-process local transport, and the answer's bytes go back (HTTP 500 for a SOAP fault, as
 * WS-I Basic Profile wants). The endpoint runs its whole interceptor chain (WS-Security included) as it would behind
 * a servlet.
 *
 * <p>Why not CXF's Jetty transport: the kit runs from one jar on a member state's machine or in a test, and needs
 * only loopback HTTP with an ephemeral port; the JDK server gives both without a servlet container to ship and keep
 * in step with CXF's Jetty version.
 */
public final class SoapHttpServer implements AutoCloseable {

    /** Requests larger than this are refused (413): the hub's own limit is 10 MB per message. */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final long ANSWER_TIMEOUT_SECONDS = 120;
    private static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(5);
    private static final AtomicInteger LOCAL_ADDRESSES = new AtomicInteger();
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private final HttpServer server;
    private final ExecutorService workers;
    private final Bus bus;
    private final String host;
    private final List<EndpointImpl> endpoints = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    private SoapHttpServer(HttpServer server, ExecutorService workers, Bus bus, String host) {
        this.server = server;
        this.workers = workers;
        this.bus = bus;
        this.host = host;
    }

    /**
     * Binds to {@code host:port} ({@code port} 0 picks a free one) and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static SoapHttpServer start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        // Several threads, so that a deliberately slow answer does not hold up the next request.
        ExecutorService workers = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "gateway-kit-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        SoapHttpServer soap = new SoapHttpServer(server, workers, BusFactory.newInstance().createBus(), host);
        server.start();
        return soap;
    }

    /**
     * Publishes {@code implementor} at {@code path}, after {@code configuration} has added its interceptors.
     *
     * @return the endpoint's URL
     */
    public synchronized String publish(String path, Object implementor, Consumer<EndpointImpl> configuration) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("The path must start with /: " + path);
        }
        String localAddress = "local://gateway-kit-" + LOCAL_ADDRESSES.incrementAndGet();
        EndpointImpl endpoint = new EndpointImpl(bus, implementor);
        configuration.accept(endpoint);
        endpoint.publish(localAddress);
        endpoints.add(endpoint);
        server.createContext(path, exchange -> serve(exchange, localAddress));
        return url(path);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        String printableHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + printableHost + ":" + port() + path;
    }

    private void serve(HttpExchange http, String localAddress) throws IOException {
        inFlight.incrementAndGet();
        try (http) {
            if (closing) {
                http.sendResponseHeaders(503, -1);
                return;
            }
            if (!"POST".equals(http.getRequestMethod())) {
                http.getResponseHeaders().add("Allow", "POST");
                http.sendResponseHeaders(405, -1);
                return;
            }
            byte[] request = readLimited(http.getRequestBody());
            if (request == null) {
                http.sendResponseHeaders(413, -1);
                return;
            }
            byte[] answer;
            try {
                answer = dispatch(localAddress, request, http.getRequestHeaders().getFirst("SOAPAction"));
            } catch (TimeoutException | ExecutionException e) {
                http.sendResponseHeaders(503, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                http.sendResponseHeaders(503, -1);
                return;
            }
            http.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            http.sendResponseHeaders(isFault(answer) ? 500 : 200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(answer);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        return bytes.length > MAX_REQUEST_BYTES ? null : bytes;
    }

    /** Writes the request onto the local transport exactly as received and waits for the endpoint's answer. */
    private byte[] dispatch(String localAddress, byte[] request, String soapAction)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        EndpointInfo target = new EndpointInfo();
        target.setAddress(localAddress);
        Conduit conduit;
        try {
            conduit = bus.getExtension(ConduitInitiatorManager.class)
                    .getConduitInitiator(LocalTransportFactory.TRANSPORT_ID).getConduit(target, bus);
        } catch (BusException e) {
            throw new IOException("CXF's local transport is missing from the bus", e);
        }
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        conduit.setMessageObserver(response -> {
            try (InputStream in = response.getContent(InputStream.class)) {
                answer.complete(in == null ? new byte[0] : in.readAllBytes());
            } catch (IOException e) {
                answer.completeExceptionally(e);
            }
        });
        Message message = new MessageImpl();
        Exchange exchange = new ExchangeImpl();
        exchange.put(Bus.class, bus);
        exchange.setOutMessage(message);
        message.setExchange(exchange);
        message.put(Message.CONTENT_TYPE, "text/xml; charset=UTF-8");
        message.put(Message.HTTP_REQUEST_METHOD, "POST");
        if (soapAction != null) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.put("SOAPAction", List.of(soapAction));
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        try {
            conduit.prepare(message);
            try (OutputStream out = message.getContent(OutputStream.class)) {
                out.write(request);
            }
            conduit.close(message);
            return answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            conduit.close();
        }
    }

    /** A SOAP 1.1 answer whose Body starts with soap:Fault. */
    static boolean isFault(byte[] answer) {
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(answer));
            boolean inBody = false;
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    if (inBody) {
                        return SOAP_NS.equals(reader.getNamespaceURI()) && "Fault".equals(reader.getLocalName());
                    }
                    inBody = SOAP_NS.equals(reader.getNamespaceURI()) && "Body".equals(reader.getLocalName());
                }
            }
            return false;
        } catch (XMLStreamException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        // Lets answers already being produced finish (up to the grace period): a simulator told to stop after its
        // last document must still deliver that document's acknowledgement. Counted here because the JDK 17 server's
        // own stop(delay) waits out the whole delay even when nothing is in flight.
        closing = true;
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        workers.shutdownNow();
        endpoints.forEach(EndpointImpl::stop);
        bus.shutdown(true);
    }

    @Override
    public String toString() {
        return "SoapHttpServer[" + url("/") + "]";
    }
}
