package org.originhub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originhub.hub.users.boundary.UserSummary;
import org.originhub.hub.users.entity.AccountStatus;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.security.HubAuthentication;

/** The per-view access filter's decisions, without a container. */
class ConsoleAccessTest {

    /** What the filter did: passed the request on, redirected, forwarded, or sent an error. */
    static final class Outcome {
        boolean passed;
        Integer status;
        Integer error;
        String redirect;
        String forward;
        final StringWriter body = new StringWriter();
    }

    @Test
    void unknownViewsAreNotServedToAnybody() throws Exception {
        assertThat(run("/console/secret.xhtml", null, "GET", null).error).isEqualTo(404);
        assertThat(run("/console/secret.xhtml", Role.SECRETARIAT_ADMIN, "GET", null).error).isEqualTo(404);
        assertThat(run("/other.xhtml", Role.SECRETARIAT_ADMIN, "GET", null).error).isEqualTo(404);
    }

    @Test
    void resourcesAndTheLoginPagePassAnonymously() throws Exception {
        assertThat(run("/jakarta.faces.resource/theme.css.xhtml", null, "GET", null).passed).isTrue();
        assertThat(run("/console/login.xhtml", null, "GET", null).passed).isTrue();
    }

    @Test
    void anonymousCallersAreSentToTheLoginPageAndAjaxOnesGetAPartialRedirect() throws Exception {
        Outcome plain = run("/console/dashboard.xhtml", null, "GET", null);
        assertThat(plain.passed).isFalse();
        assertThat(plain.redirect).isEqualTo("/hub/console/login.xhtml");

        Outcome ajax = run("/console/dashboard.xhtml", null, "POST", "partial/ajax");
        assertThat(ajax.redirect).isNull();
        assertThat(ajax.body.toString()).contains("<partial-response><redirect url=\"/hub/console/login.xhtml\">");
    }

    @Test
    void aWrongRoleGetsTheForbiddenPageWith403AndTheRightRoleThePage() throws Exception {
        Outcome refused = run("/console/users.xhtml", Role.OPERATOR, "GET", null);
        assertThat(refused.passed).isFalse();
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.forward).isEqualTo("/console/forbidden.xhtml");
        assertThat(run("/console/users.xhtml", Role.OPERATOR, "POST", null).error).isEqualTo(403);

        assertThat(run("/console/users.xhtml", Role.SECRETARIAT_ADMIN, "GET", null).passed).isTrue();
        for (ConsoleView view : ConsoleView.values()) {
            for (Role role : Role.values()) {
                assertThat(run(view.path(), role, "GET", null).passed).as(role + " " + view)
                        .isEqualTo(view.admits(role));
            }
        }
    }

    @Test
    void aUserWhoMustChangeThePasswordSeesOnlyThePasswordPage() throws Exception {
        UserSummary newcomer = new UserSummary("newcomer", Role.OPERATOR, null, AccountStatus.ACTIVE, true, 0, null,
                null, null, "admin");
        Outcome held = run("/console/dashboard.xhtml", Role.OPERATOR, "GET", null, newcomer);
        assertThat(held.redirect).isEqualTo("/hub/console/account.xhtml");
        assertThat(run("/console/account.xhtml", Role.OPERATOR, "GET", null, newcomer).passed).isTrue();
    }

    @Test
    void crossOriginPostsAreRecognised() {
        assertThat(SecurityHeaders.sameOrigin(null, "hub.example")).isTrue();
        assertThat(SecurityHeaders.sameOrigin("https://hub.example", "hub.example")).isTrue();
        assertThat(SecurityHeaders.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(SecurityHeaders.sameOrigin("http://evil.example", "hub.example")).isFalse();
        assertThat(SecurityHeaders.sameOrigin("http://hub.example:9999", "hub.example")).isFalse();
        assertThat(SecurityHeaders.sameOrigin("null", "hub.example")).isFalse();
    }

    private static Outcome run(String path, Role role, String method, String facesRequest) throws Exception {
        return run(path, role, method, facesRequest, null);
    }

    private static Outcome run(String path, Role role, String method, String facesRequest, UserSummary account)
            throws Exception {
        Outcome outcome = new Outcome();
        Map<String, Object> attributes = new HashMap<>();
        if (account != null) {
            attributes.put(HubAuthentication.ACCOUNT, account);
        }
        Principal principal = role == null ? null : () -> "someone";
        HttpServletRequest request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getServletPath" -> path;
            case "getPathInfo", "getRequestedSessionId" -> null;
            case "getUserPrincipal" -> principal;
            case "isUserInRole" -> role != null && role.name().equals(args[0]);
            case "getMethod" -> method;
            case "getHeader" -> "Faces-Request".equals(args[0]) ? facesRequest : null;
            case "getContextPath" -> "/hub";
            case "getAttribute" -> attributes.get((String) args[0]);
            case "isRequestedSessionIdValid" -> false;
            case "getRequestDispatcher" -> proxy(RequestDispatcher.class, (n, a) -> {
                outcome.forward = (String) args[0];
                return null;
            });
            default -> throw new UnsupportedOperationException(name);
        });
        HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> {
            switch (name) {
                case "sendError" -> outcome.error = (Integer) args[0];
                case "setStatus" -> outcome.status = (Integer) args[0];
                case "sendRedirect" -> outcome.redirect = (String) args[0];
                case "getWriter" -> {
                    return new PrintWriter(outcome.body);
                }
                case "setContentType", "setCharacterEncoding" -> {
                    return null;
                }
                default -> throw new UnsupportedOperationException(name);
            }
            return null;
        });
        FilterChain chain = (req, res) -> outcome.passed = true;
        new ConsoleAccess().doFilter(request, response, chain);
        return outcome;
    }

    interface Handler {
        Object handle(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(ConsoleAccessTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> handler.handle(method.getName(), args));
    }
}
