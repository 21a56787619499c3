package org.originhub.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.events.Actor;

/**
 * Who is signed in, for pages ({@code #{caller}}) and beans: name, role, member state, what the role may do (from
 * {@link ConsoleAction}, the same table the server checks), the menu (from {@link ConsoleView}) and the current page.
 */
@Named("caller")
@RequestScoped
public class Caller {

    @Inject
    SecurityContext security;

    @Inject
    Users users;

    private AuthenticatedUser user;

    public boolean isSignedIn() {
        return security.getCallerPrincipal() != null;
    }

    public String getUsername() {
        Principal principal = security.getCallerPrincipal();
        return principal == null ? null : principal.getName();
    }

    public Role getRole() {
        return Arrays.stream(Role.values()).filter(role -> security.isCallerInRole(role.name())).findFirst()
                .orElse(null);
    }

    /** The caller as the boundaries that scope by member state want it (read once per request). */
    public AuthenticatedUser user() {
        if (user == null) {
            user = users.caller();
        }
        return user;
    }

    /** The member state of a member auditor, else null. */
    public String getMemberCode() {
        return getRole() == Role.MEMBER_AUDITOR ? user().memberCode() : null;
    }

    /** The caller as the actor the registry records. */
    public Actor actor() {
        return Actor.user(getUsername());
    }

    /** True when the caller's role may take {@code action} (a {@link ConsoleAction} name). */
    public boolean may(String action) {
        return ConsoleAction.valueOf(action).admits(getRole());
    }

    public boolean mayOpen(String view) {
        return ConsoleView.valueOf(view).admits(getRole());
    }

    /** The menu: each group with the pages this caller may open, empty groups left out. */
    public List<Map.Entry<String, List<ConsoleView>>> getMenu() {
        Map<String, List<ConsoleView>> groups = new LinkedHashMap<>();
        Role role = getRole();
        for (ConsoleView view : ConsoleView.values()) {
            if (view.group() != null && view.admits(role)) {
                groups.computeIfAbsent(view.group().label(), g -> new ArrayList<>()).add(view);
            }
        }
        return new ArrayList<>(groups.entrySet());
    }

    /** The page being rendered, or null for a view that is not in the table. */
    public ConsoleView getView() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? null
                : ConsoleView.byPath(faces.getViewRoot().getViewId()).orElse(null);
    }

    public ConsoleView getHome() {
        return ConsoleView.home(getRole());
    }
}
