package org.originhub.bench;

import java.net.URL;
import java.time.Duration;
import java.util.Objects;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.originhub.bench.echo.contract.EchoPortType;
import org.originhub.bench.echo.contract.EchoRequest;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.WsSecurityProfile;

/**
 * The bench's client of the bare echo, made as the gateway kit's HubClient makes its ports (a bus of its own, the
 * contract's WSDL, requests signed and answers verified with {@link WsSecurityProfile}, the same timeouts), so that
 * the client's share of the cost is the same on both sides of the comparison.
 */
final class EchoClient implements AutoCloseable {

    private static final String NAMESPACE = "urn:originhub:bench:echo:v1";
    /** About the size of a CO envelope's routing data: the bare stack's figures in STACK.md use 1 kB too. */
    static final String PAYLOAD = "x".repeat(1024);

    private final Bus bus = BusFactory.newInstance().createBus();
    private final EchoPortType port;

    /** A client at {@code address} that signs with {@code key} and accepts answers signed by {@code echo}. */
    EchoClient(String address, GatewayKeystore key, PinnedCertificates echo) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(EchoPortType.class);
        URL wsdl = Objects.requireNonNull(EchoPortType.class.getResource("/wsdl/echo.wsdl"), "echo.wsdl is missing");
        factory.setWsdlURL(wsdl.toString());
        factory.setServiceName(new QName(NAMESPACE, "EchoService"));
        factory.setEndpointName(new QName(NAMESPACE, "EchoPort"));
        factory.setAddress(address);
        port = factory.create(EchoPortType.class);
        Client client = ClientProxy.getClient(port);
        WsSecurityProfile.signOutgoing(client, key);
        WsSecurityProfile.verifyResponses(client, echo);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        policy.setReceiveTimeout(Duration.ofSeconds(60).toMillis());
        policy.setVersion("1.1"); // as the kit's HubClient: the baseline speaks the same protocol
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }

    /** One signed round trip with {@code payload}; returns what the echo answered. */
    String echo(String payload) {
        EchoRequest request = new EchoRequest();
        request.setPayload(payload);
        return port.echo(request).getPayload();
    }

    /** One signed round trip with {@link #PAYLOAD}; an answer that does not carry it is an error. */
    void echo() {
        if (!PAYLOAD.equals(echo(PAYLOAD))) {
            throw new IllegalStateException("the echo answered another payload");
        }
    }

    @Override
    public void close() {
        bus.shutdown(true);
    }
}
