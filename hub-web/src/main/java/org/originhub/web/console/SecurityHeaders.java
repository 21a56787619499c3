package org.originhub.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The security headers of every console response and Faces resource (web.xml maps it): a Content-Security-Policy, no
 * framing, no MIME sniffing, no referrer to other sites, no caching of pages; and a cross-origin form post is refused
 * (the session cookie is SameSite=Lax too). The referrer policy is same-origin, not no-referrer: under no-referrer
 * browsers send {@code Origin: null} with the console's own form posts, which could then not be told apart.
 *
 * <p>The policy is the {@code primefaces.CSP_POLICY} context parameter (one definition in web.xml). On Faces pages
 * PrimeFaces' CSP support sends it again with the page's script nonce appended to {@code script-src}; this filter's
 * response wrapper lets that header replace the one set here instead of adding a second policy (browsers enforce
 * every policy they get, and the nonce-less one would block the page's own scripts). So no page ever runs inline
 * script without the nonce, and scripts need neither 'unsafe-inline' nor 'unsafe-eval'.
 */
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String CSP = "Content-Security-Policy";
    static final String POLICY_PARAMETER = "primefaces.CSP_POLICY";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod()) && !sameOrigin(request.getHeader("Origin"), request.getHeader("Host"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Cross-origin form posts are refused");
            return;
        }
        String policy = getServletContext().getInitParameter(POLICY_PARAMETER);
        response.setHeader(CSP, policy == null ? "default-src 'self'; frame-ancestors 'none'" : policy + ";");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (!request.getServletPath().startsWith(ConsoleAccess.RESOURCES)) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void addHeader(String name, String value) {
                if (CSP.equalsIgnoreCase(name)) {
                    super.setHeader(name, value);
                } else {
                    super.addHeader(name, value);
                }
            }
        });
    }

    /** No Origin header (same-origin navigations of older browsers, non-browser clients) or the page's own host. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || "null".equals(origin)) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority != null && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
