package org.originhub.soap.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
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
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The real pipeline around {@link EchoEndpoint}, published in-process on CXF's local transport, and a raw client
 * that writes exactly the bytes a test built onto the transport and hands back exactly the bytes of the answer. (A
 * JAX-WS Dispatch re-parses the envelope through SAAJ before sending, which silently repairs some forgeries, such
 * as a Body moved into the header: useless for testing them.)
 */
final class LocalHub implements AutoCloseable {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    final EchoEndpoint endpoint;
    private final Bus bus;
    private final String address;
    private final EndpointImpl published;

    /** The echo endpoint behind the full pipeline. */
    LocalHub(SecurityPipeline pipeline) {
        this(new EchoEndpoint(), pipeline::secure);
    }

    /** Any implementor, configured as the servlet would (e.g. {@code SecurityPipeline::mapFaults}). */
    LocalHub(Object implementor, java.util.function.Consumer<EndpointImpl> configuration) {
        endpoint = implementor instanceof EchoEndpoint echo ? echo : null;
        bus = BusFactory.newInstance().createBus();
        address = "local://origin-hub-security-" + ADDRESSES.incrementAndGet();
        published = new EndpointImpl(bus, implementor);
        configuration.accept(published);
        published.publish(address);
    }

    Reply send(Document request) {
        return send(SignedRequest.bytes(request));
    }

    Reply send(byte[] request) {
        return send(request, null);
    }

    /** With HTTP-like protocol headers, e.g. a declared Content-Length. */
    Reply send(byte[] request, java.util.Map<String, java.util.List<String>> headers) {
        try {
            EndpointInfo target = new EndpointInfo();
            target.setAddress(address);
            Conduit conduit = bus.getExtension(ConduitInitiatorManager.class)
                    .getConduitInitiator(LocalTransportFactory.TRANSPORT_ID).getConduit(target, bus);
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
            // Direct dispatch: the request is buffered and handed over whole. Through the default pipe, a server that
            // refuses a request before reading it to the end (a DTD, a size limit) leaves the writer blocked forever.
            message.put(org.apache.cxf.transport.local.LocalConduit.DIRECT_DISPATCH, Boolean.TRUE);
            if (headers != null) {
                message.put(Message.PROTOCOL_HEADERS, headers);
            }
            conduit.prepare(message);
            try (OutputStream out = message.getContent(OutputStream.class)) {
                out.write(request);
            }
            conduit.close(message);
            return new Reply(answer.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("The local hub did not answer", e);
        }
    }

    int invocations() {
        return endpoint.invocations.get();
    }

    @Override
    public void close() {
        published.stop();
        bus.shutdown(true);
    }

    /** What came back, byte for byte. */
    record Reply(byte[] raw) {

        String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        Document document() {
            return SignedRequest.parse(raw);
        }

        boolean isFault() {
            return fault() != null;
        }

        /** The faultcode as a QName, its prefix resolved in the fault's scope. */
        QName faultCode() {
            Element code = child(fault(), "faultcode");
            String value = code.getTextContent().trim();
            int colon = value.indexOf(':');
            String prefix = colon < 0 ? null : value.substring(0, colon);
            return new QName(code.lookupNamespaceURI(prefix), value.substring(colon + 1));
        }

        String faultString() {
            return child(fault(), "faultstring").getTextContent();
        }

        private Element fault() {
            return (Element) document().getElementsByTagNameNS(SignedRequest.SOAP11_NS, "Fault").item(0);
        }

        private static Element child(Element parent, String localName) {
            for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName.equals(e.getLocalName())) {
                    return e;
                }
            }
            throw new AssertionError("No " + localName + " in the fault");
        }
    }
}
