package org.originhub.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.originhub.hub.users.boundary.UserSummary;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.security.HubAuthentication;

/**
 * Deny by default for every Faces request, whatever its URL: mapped to the Faces servlet (web.xml), it serves only the
 * views of {@link ConsoleView}'s table (anything else is 404), sends anonymous callers to the login page (a
 * partial-response redirect for Ajax requests, so an expired session lands there too), answers a page the caller's
 * role may not open with 403 and the forbidden page, and keeps a user who must change the password on the password
 * page. Faces resources (scripts, styles) pass.
 */
public class ConsoleAccess extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String RESOURCES = "/jakarta.faces.resource/";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo() == null ? request.getServletPath()
                : request.getServletPath() + request.getPathInfo();
        if (path.startsWith(RESOURCES)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ConsoleView> found = ConsoleView.byPath(path);
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        ConsoleView view = found.get();
        if (view.isPublic()) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getUserPrincipal() == null) {
            boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
            redirect(request, response, ConsoleView.LOGIN.path() + (expired ? "?expired=true" : ""));
            return;
        }
        Role role = roleOf(request);
        if (!view.admits(role)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            if ("GET".equals(request.getMethod())) {
                request.getRequestDispatcher(ConsoleView.FORBIDDEN.path()).forward(request, response);
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
            return;
        }
        if (view != ConsoleView.ACCOUNT && mustChangePassword(request)) {
            redirect(request, response, ConsoleView.ACCOUNT.path());
            return;
        }
        chain.doFilter(request, response);
    }

    static Role roleOf(HttpServletRequest request) {
        return Arrays.stream(Role.values()).filter(role -> request.isUserInRole(role.name())).findFirst().orElse(null);
    }

    private static boolean mustChangePassword(HttpServletRequest request) {
        return request.getAttribute(HubAuthentication.ACCOUNT) instanceof UserSummary account
                && account.mustChangePassword();
    }

    /** A plain redirect, or for a Faces Ajax request the partial response that makes the page navigate. */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String url = request.getContextPath() + path;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + url.replace("&", "&amp;").replace("\"", "&quot;") + "\"></redirect></partial-response>");
            return;
        }
        response.sendRedirect(url);
    }
}
