package org.originhub.web.edge;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that names the hub node answering it ({@value #HEADER}), whatever happens to it: the header is set when
 * the request enters and again after every {@link #reset()} (the edge's refusals reset the response before they
 * answer). With several nodes behind a balancer, it is how a caller, an operator or a test tells which node answered;
 * the value is the node's public name, the same as GetHubInfo's node id.
 */
final class NodeNamedResponse extends HttpServletResponseWrapper {

    static final String HEADER = "Origin-Hub-Node";

    private final String node;

    NodeNamedResponse(HttpServletResponse response, String node) {
        super(response);
        this.node = node;
        response.setHeader(HEADER, node);
    }

    @Override
    public void reset() {
        super.reset();
        setHeader(HEADER, node);
    }
}
