package org.originhub.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.configuration.control.DatabaseFailures;
import org.originhub.hub.users.boundary.LoginRefusedException;
import org.originhub.hub.users.boundary.UserSummary;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Roles;
import org.originhub.web.errors.ApiError;

/**
 * The application's one HTTP authentication mechanism (Jakarta Security allows one per application), with two
 * branches:
 * <ul>
 * <li>Requests under {@code /api/} must carry HTTP Basic credentials of a hub user, checked on every request (the API
 * keeps no session and never looks at one, so a console session cannot be used against the API); anything else is
 * refused with 401, a Basic challenge and a JSON body saying why. A user who must still change the initial password
 * is refused with 403 until it is changed in the console.</li>
 * <li>The console ({@code /console/}) signs in with a form: its login page calls
 * {@code SecurityContext.authenticate} with the username and password, which arrive here as an authentication
 * request. A successful sign-in gets a new session id (no session fixation) holding only the username, and the
 * session lasts {@code HUB_CONSOLE_SESSION_TIMEOUT} minutes of inactivity. Each later console request re-reads the
 * account, so a disabled user is signed out and a changed role applies at once. Which page a caller may open, and
 * sending anonymous callers to the login page, is {@code ConsoleAccess}'s job.</li>
 * </ul>
 * Both branches refuse wrong, unknown, locked and disabled accounts with one message, and go through the
 * {@link LoginThrottle} (429 with {@code Retry-After} on the API).
 * Every other path is left alone: health checks, {@code /services} (secured by WS-Security in hub-soap), static pages
 * and the Faces resources stay reachable without a hub user.
 */
@ApplicationScoped
@DeclareRoles({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
public class HubAuthentication implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"Origin Hub\"";
    static final String API = "/api";
    static final String CONSOLE = "/console";
    /** The session attribute holding the signed-in username; nothing else about the user is kept in the session. */
    static final String SIGNED_IN = "org.originhub.console.user";
    /** The request attribute through which a refused console sign-in tells the login page why. */
    public static final String REFUSAL = "org.originhub.console.refusal";
    /** The request attribute holding the signed-in console user's account as read on this request. */
    public static final String ACCOUNT = "org.originhub.console.account";
    /** The one answer to every refused password check, so that it does not tell which usernames exist. */
    static final String INVALID = "Invalid username or password";
    private static final int TOO_MANY_REQUESTS = 429;

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Users users;

    @Inject
    LoginThrottle throttle;

    @Inject
    @ConfigProperty(name = "HUB_CONSOLE_SESSION_TIMEOUT", defaultValue = "30")
    int sessionTimeoutMinutes;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (isConsole(request)) {
            return console(request, context);
        }
        if (!isApi(request)) {
            return context.doNothing();
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return refuse(response, "Authentication required: HTTP Basic with the username and password of a hub "
                    + "user");
        }
        String source = throttle.source(request);
        Optional<Duration> wait = throttle.begin(source, credentials.get().username());
        if (wait.isPresent()) {
            return tooMany(response, wait.get());
        }
        Optional<CredentialValidationResult> result;
        try {
            result = checked(source, new UsernamePasswordCredential(credentials.get().username(),
                    credentials.get().password()));
        } catch (RuntimeException e) {
            // The users live in the database: while it cannot answer (down, a node failing over) the caller is
            // neither refused nor counted as a failed sign-in, but asked to retry.
            if (DatabaseFailures.unavailable(e)) {
                return unavailable(response);
            }
            throw e;
        } finally {
            throttle.end(source);
        }
        if (result.isEmpty()) {
            return refuse(response, INVALID);
        }
        String username = result.get().getCallerPrincipal().getName();
        if (users.activeAccount(username).map(UserSummary::mustChangePassword).orElse(false)) {
            return send(response, HttpServletResponse.SC_FORBIDDEN, "PasswordChangeRequired", "This account still "
                    + "has the initial password an administrator gave it: sign in to the console and change it "
                    + "(Account page, /console/account.xhtml) before using the API");
        }
        return context.notifyContainerAboutLogin(result.get());
    }

    /**
     * The valid result of checking {@code credential}, or empty for every refusal alike: wrong password, unknown,
     * locked or disabled account (one answer, so the answer does not tell which names exist). Counts failures for the
     * throttle.
     */
    private Optional<CredentialValidationResult> checked(String source, UsernamePasswordCredential credential) {
        CredentialValidationResult result;
        try {
            result = identityStores.validate(credential);
        } catch (LoginRefusedException e) {
            result = CredentialValidationResult.INVALID_RESULT;
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(source, credential.getCaller());
            return Optional.empty();
        }
        throttle.succeeded(source, credential.getCaller());
        return Optional.of(result);
    }

    /** Signs in from the login page, or carries an earlier sign-in over from the session. */
    private AuthenticationStatus console(HttpServletRequest request, HttpMessageContext context) {
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential password) {
            return signIn(request, context, password);
        }
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(SIGNED_IN);
        if (!(username instanceof String name)) {
            return context.doNothing();
        }
        Optional<UserSummary> account = users.activeAccount(name);
        if (account.isEmpty()) {
            // Disabled or removed since signing in.
            session.invalidate();
            return context.doNothing();
        }
        request.setAttribute(ACCOUNT, account.get());
        return context.notifyContainerAboutLogin(account.get().username(), Set.of(account.get().role().name()));
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context,
            UsernamePasswordCredential password) {
        String source = throttle.source(request);
        Optional<Duration> wait = throttle.begin(source, password.getCaller());
        if (wait.isPresent()) {
            request.setAttribute(REFUSAL, tooManyMessage(wait.get()));
            return AuthenticationStatus.SEND_FAILURE;
        }
        Optional<CredentialValidationResult> checked;
        try {
            checked = checked(source, password);
        } finally {
            throttle.end(source);
        }
        if (checked.isEmpty()) {
            request.setAttribute(REFUSAL, INVALID);
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result = checked.get();
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(SIGNED_IN, result.getCallerPrincipal().getName());
        session.setMaxInactiveInterval(Math.max(1, sessionTimeoutMinutes) * 60);
        return context.notifyContainerAboutLogin(result);
    }

    /** The servlet path, as the container decoded and normalised it, so encoded or dotted variants cannot slip by. */
    static boolean isApi(HttpServletRequest request) {
        return under(request, API);
    }

    /** The console's pages; not the Faces resources (scripts, styles), which need no user and no database look-up. */
    static boolean isConsole(HttpServletRequest request) {
        return under(request, CONSOLE);
    }

    private static boolean under(HttpServletRequest request, String prefix) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, String message) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return send(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthenticated", message);
    }

    private static AuthenticationStatus unavailable(HttpServletResponse response) {
        response.setHeader("Retry-After", Integer.toString(ApiError.UNAVAILABLE_RETRY_AFTER_SECONDS));
        return send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ApiError.UNAVAILABLE_CODE,
                ApiError.UNAVAILABLE_MESSAGE);
    }

    private static AuthenticationStatus tooMany(HttpServletResponse response, Duration wait) {
        response.setHeader("Retry-After", Long.toString(seconds(wait)));
        return send(response, TOO_MANY_REQUESTS, "TooManyRequests", tooManyMessage(wait));
    }

    static String tooManyMessage(Duration wait) {
        return "Too many failed sign-ins from your address: try again in " + seconds(wait) + " seconds";
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static AuthenticationStatus send(HttpServletResponse response, int status, String code, String message) {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            response.getWriter().write(ApiError.json(status, code, message));
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
