package org.originhub.web.console.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.originhub.hub.users.boundary.UserSummary;
import org.originhub.hub.users.boundary.Users;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.Caller;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.ConsoleView;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;
import org.originhub.web.security.HubAuthentication;

/** The caller's own account: changing the password (forced after an initial or reset one) and signing out. */
@Named("account")
@RequestScoped
@Guarded
public class AccountPage {

    @Inject
    Users users;

    @Inject
    Caller caller;

    private String current;
    private String replacement;
    private String repeated;

    @Allowed(ConsoleAction.OWN_ACCOUNT)
    public String changePassword() {
        if (replacement == null || !replacement.equals(repeated)) {
            Pages.error("The new password and its repetition differ");
            return null;
        }
        users.changePassword(caller.getUsername(), current, replacement);
        Pages.info("Your password was changed");
        Pages.keepMessages();
        return Pages.redirect(ConsoleView.home(caller.getRole()));
    }

    @Allowed(ConsoleAction.OWN_ACCOUNT)
    public String signOut() throws ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ConsoleView.LOGIN.path() + "?faces-redirect=true&signedOut=true";
    }

    /** True when the hub requires a new password before anything else (first administrator, created or reset). */
    public boolean isPasswordChangeRequired() {
        Object account = FacesContext.getCurrentInstance().getExternalContext().getRequestMap()
                .get(HubAuthentication.ACCOUNT);
        return account instanceof UserSummary summary && summary.mustChangePassword();
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
