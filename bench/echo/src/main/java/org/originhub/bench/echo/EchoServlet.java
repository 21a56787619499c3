package org.originhub.bench.echo;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebServlet;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * CXF at {@code /services/*}, wired as the hub wires its own services (a {@code CXFNonSpringServlet} that publishes
 * in {@code loadBus}, no Spring, no web.xml): the echo at {@code /services/echo}. Keys that cannot be read fail the
 * deployment, so the bench never measures an echo that does not sign.
 */
@WebServlet(urlPatterns = "/services/*", loadOnStartup = 1)
public class EchoServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void loadBus(ServletConfig config) {
        super.loadBus(config);
        EchoKeys keys = EchoKeys.fromEnvironment();
        EndpointImpl echo = new EndpointImpl(getBus(), new EchoEndpoint());
        EchoService.secure(echo, keys.server(), keys.clientCertificate());
        echo.publish("/echo");
    }
}
