package org.originhub.gatewaykit.testing;

import java.io.IOException;
import org.originhub.gatewaykit.simulator.SoapHttpServer;
import org.originhub.soap.security.SecurityPipeline;

/**
 * The hub's real WS-Security pipeline (hub-soap's {@link SecurityPipeline}: header checks, WSS4J with the profile's
 * algorithms, coverage by identity, trust anchors and registry, replay guard, signed responses and faults, fault
 * mapping) in front of {@link InMemoryExchange} and {@link InMemoryRegistry}, over real HTTP on loopback at
 * {@code /services/exchange} and {@code /services/registry}, as the hub publishes them.
 */
public final class PipelineHub implements AutoCloseable {

    public final InMemoryExchange exchange = new InMemoryExchange();
    public final InMemoryRegistry registry;
    private final SoapHttpServer server;

    public PipelineHub(TestCommunity community) throws IOException {
        registry = new InMemoryRegistry(community.hubKey);
        SecurityPipeline pipeline = new SecurityPipeline(community.directory(), TestCommunity.replayGuard(),
                community.hubKey);
        server = SoapHttpServer.start("127.0.0.1", 0);
        server.publish("/services/exchange", exchange, pipeline::secure);
        server.publish("/services/registry", registry, pipeline::secure);
    }

    /** The base URL a gateway is configured with. */
    public String url() {
        return server.url("");
    }

    @Override
    public void close() {
        server.close();
    }
}
