package org.originhub.soap.plumbing;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.originhub.hub.configuration.boundary.HubStatus;
import org.originhub.soap.info.HubInfoEndpoint;
import org.originhub.soap.registry.RegistryEndpoint;
import org.originhub.soap.registry.RegistrySenderDirectory;
import org.originhub.soap.security.HubKey;
import java.time.Clock;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.originhub.hub.audit.boundary.Checkpoints;
import org.originhub.hub.replay.boundary.Replays;
import org.originhub.registry.authorities.boundary.Authorities;
import org.originhub.registry.cache.boundary.RegistryReads;
import org.originhub.registry.directory.boundary.Directory;
import org.originhub.registry.gateways.boundary.Gateways;
import org.originhub.registry.requests.boundary.RegistrationRequests;
import org.originhub.soap.security.SecurityPipeline;
import org.originhub.soap.exchange.ExchangeEndpoint;
import org.originhub.hub.exchange.boundary.Exchanges;
import org.originhub.hub.audit.boundary.AuditTrail;

/**
 * Publishes the hub's SOAP services under {@code /services/*}. CDI injects the boundaries here (CXF creates the
 * implementors itself, outside CDI), and each endpoint receives what it needs through its constructor.
 * Asynchronous: the WAR's edge filter reads each request body without a worker thread and hands it over through an
 * asynchronous dispatch, which only an asynchronous servlet may receive.
 */
@WebServlet(urlPatterns = "/services/*", loadOnStartup = 1, asyncSupported = true)
public class HubServicesServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HubStatus hubStatus;

    @Inject
    transient Gateways gateways;

    @Inject
    transient RegistryReads registryReads;

    @Inject
    transient Directory directory;

    @Inject
    transient RegistrationRequests requests;

    @Inject
    transient Authorities authorities;

    @Inject
    transient Replays replays;

    @Inject
    transient Exchanges exchanges;

    @Inject
    transient AuditTrail auditTrail;

    // A keystore that cannot be read fails the deployment (HubKeys): better no hub than an unsigned one.
    @Inject
    transient HubKey hubKey;

    @Inject
    transient Checkpoints checkpoints;

    @Override
    protected void loadBus(ServletConfig config) {
        super.loadBus(config);
        Bus bus = getBus();
        publishPublic(bus, "/hub", new HubInfoEndpoint(hubStatus));

        SecurityPipeline pipeline = new SecurityPipeline(
                new RegistrySenderDirectory(registryReads, Clock.systemUTC()), replays::firstUse, hubKey,
                new AuditedRejections(auditTrail))
                .maxMessageBytes(ConfigProvider.getConfig().getOptionalValue(SecurityPipeline.MAX_MESSAGE_BYTES,
                        Long.class).orElse(SecurityPipeline.DEFAULT_MAX_MESSAGE_BYTES));
        EndpointImpl registry = new EndpointImpl(bus, new RegistryEndpoint(directory, gateways, requests,
                authorities, hubKey, checkpoints));
        pipeline.secure(registry, Set.of(RegistryEndpoint.ONBOARDING_OPERATION));
        registry.publish("/registry");
        EndpointImpl exchange = new EndpointImpl(bus, new ExchangeEndpoint(exchanges));
        pipeline.secure(exchange);
        exchange.publish("/exchange");
    }

    /**
     * A service anyone may call: no signature, but its faults go through the hub's fault mapping like every other.
     * Protected services are published with {@code SecurityPipeline.secure(endpoint)} instead, before publish.
     */
    private static EndpointImpl publishPublic(Bus bus, String address, Object implementor) {
        EndpointImpl endpoint = new EndpointImpl(bus, implementor);
        SecurityPipeline.mapFaults(endpoint);
        endpoint.publish(address);
        return endpoint;
    }
}
