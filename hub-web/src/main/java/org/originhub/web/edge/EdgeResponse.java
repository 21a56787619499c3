package org.originhub.web.edge;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;

/**
 * Redirects that never repeat the caller's {@code Host} header: to {@code HUB_PUBLIC_URL} when it is set, otherwise as
 * a path-absolute {@code Location} (RFC 9110 allows relative references), which the browser resolves against the
 * address it used. The container's own {@code sendRedirect} would build an absolute URL from the Host header.
 */
final class EdgeResponse extends HttpServletResponseWrapper {

    private final EdgeRequest request;
    private final boolean publicUrl;

    EdgeResponse(HttpServletResponse response, EdgeRequest request, boolean publicUrl) {
        super(response);
        this.request = request;
        this.publicUrl = publicUrl;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        if (isCommitted()) {
            throw new IllegalStateException("the response is already committed");
        }
        resetBuffer();
        setStatus(SC_FOUND);
        setHeader("Location", location(location));
        flushBuffer();
    }

    String location(String location) {
        URI target = URI.create(location.strip());
        if (target.isAbsolute() || location.startsWith("//")) {
            return location;
        }
        URI resolved = URI.create(request.getRequestURI()).resolve(target);
        return publicUrl ? request.origin() + resolved : resolved.toString();
    }
}
