package org.originhub.soap.plumbing;

import jakarta.inject.Inject;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.originhub.hub.configuration.boundary.HubStatus;
import org.originhub.soap.info.HubInfoEndpoint;

/**
 * Publishes the hub's SOAP services under {@code /services/*}. CDI injects the boundaries here (CXF creates the
 * implementors itself, outside CDI), and each endpoint receives what it needs through its constructor.
 */
@WebServlet(urlPatterns = "/services/*", loadOnStartup = 1)
public class HubServicesServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HubStatus hubStatus;

    @Override
    protected void loadBus(ServletConfig config) {
        super.loadBus(config);
        Bus bus = getBus();
        publish(bus, "/hub", new HubInfoEndpoint(hubStatus));
    }

    private static EndpointImpl publish(Bus bus, String address, Object implementor) {
        EndpointImpl endpoint = new EndpointImpl(bus, implementor);
        endpoint.publish(address);
        return endpoint;
    }
}
