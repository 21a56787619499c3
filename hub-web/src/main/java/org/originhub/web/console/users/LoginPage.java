package org.originhub.web.console.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.console.ConsoleView;
import org.originhub.web.console.Pages;
import org.originhub.web.security.HubAuthentication;

/**
 * The login form. Not {@code Guarded}: signing in is how a caller gets a role. The credentials go to the application's
 * authentication mechanism ({@link HubAuthentication}), which checks them through the users boundary (failures are
 * counted, locked accounts refused, every attempt audited) and starts the session.
 */
@Named
@RequestScoped
public class LoginPage {

    @Inject
    SecurityContext security;

    private String username;
    private String password;

    public String signIn() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true).credential(
                        new UsernamePasswordCredential(username == null ? "" : username,
                                new Password(password == null ? "" : password))));
        password = null;
        if (status == AuthenticationStatus.SUCCESS) {
            Role role = Arrays.stream(Role.values()).filter(r -> request.isUserInRole(r.name())).findFirst()
                    .orElse(null);
            return Pages.redirect(ConsoleView.home(role));
        }
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
            return null;
        }
        Object refusal = request.getAttribute(HubAuthentication.REFUSAL);
        Pages.error(refusal instanceof String text ? text : "Invalid username or password");
        return null;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
