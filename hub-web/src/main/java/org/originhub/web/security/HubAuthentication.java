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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.originhub.hub.users.boundary.LoginRefusedException;
import org.originhub.hub.users.entity.Roles;
import org.originhub.web.api.ApiError;

/**
 * The application's one HTTP authentication mechanism (Jakarta Security allows one per application, so the console's
 * form login will be another branch here). Requests under {@code /api/} must carry HTTP Basic credentials of a hub
 * user, checked on every request (the API keeps no session); anything else is refused with 401, a Basic challenge and
 * a JSON body saying why. Every other path is left alone: health checks, {@code /services} (secured by WS-Security
 * in hub-soap) and static pages stay reachable without a hub user.
 */
@ApplicationScoped
@DeclareRoles({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
public class HubAuthentication implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"Origin Hub\"";
    static final String API = "/api";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (!isApi(request)) {
            return context.doNothing();
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return refuse(response, "Authentication required: HTTP Basic with the username and password of a hub "
                    + "user");
        }
        CredentialValidationResult result;
        try {
            result = identityStores.validate(new UsernamePasswordCredential(credentials.get().username(),
                    credentials.get().password()));
        } catch (LoginRefusedException e) {
            // Locked or disabled: the message says which, and until when.
            return refuse(response, e.getMessage());
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refuse(response, "Invalid username or password");
        }
        return context.notifyContainerAboutLogin(result);
    }

    /** The servlet path, as the container decoded and normalised it, so encoded or dotted variants cannot slip by. */
    static boolean isApi(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        return path.equals(API) || path.startsWith(API + "/");
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, String message) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            response.getWriter().write(ApiError.json(HttpServletResponse.SC_UNAUTHORIZED, "Unauthenticated", message));
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
