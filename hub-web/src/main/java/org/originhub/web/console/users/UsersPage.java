package org.originhub.web.console.users;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originhub.hub.users.boundary.UserSummary;
import org.originhub.hub.users.boundary.Users;
import org.originhub.hub.users.entity.Role;
import org.originhub.web.console.Allowed;
import org.originhub.web.console.ConsoleAction;
import org.originhub.web.console.Guarded;
import org.originhub.web.console.Pages;

/** Users, for secretariat administrators: create, change role, disable and enable, reset a password. */
@Named
@ViewScoped
@Guarded
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Users users;

    private List<UserSummary> rows;
    private String username;
    private Role role = Role.OPERATOR;
    private String memberCode;
    private String initialPassword;
    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, String> memberCodes = new HashMap<>();
    private final Map<String, String> resetPasswords = new HashMap<>();

    @PostConstruct
    void load() {
        rows = users.list();
        roles.clear();
        memberCodes.clear();
        resetPasswords.clear();
        for (UserSummary user : rows) {
            roles.put(user.username(), user.role());
            memberCodes.put(user.username(), user.memberCode());
        }
    }

    @Allowed(ConsoleAction.MANAGE_USERS)
    public void create() {
        UserSummary created = users.createUser(username, initialPassword, role, Pages.blankToNull(memberCode));
        Pages.info("User " + created.username() + " created; they must change the initial password at first sign-in");
        username = null;
        memberCode = null;
        initialPassword = null;
        load();
    }

    @Allowed(ConsoleAction.MANAGE_USERS)
    public void changeRole(String user) {
        UserSummary changed = users.setRole(user, roles.get(user), Pages.blankToNull(memberCodes.get(user)));
        Pages.info(changed.username() + " is now " + changed.role()
                + (changed.memberCode() == null ? "" : " of " + changed.memberCode()));
        load();
    }

    @Allowed(ConsoleAction.MANAGE_USERS)
    public void disable(String user) {
        Pages.info(users.disable(user).username() + " is disabled and signed out");
        load();
    }

    @Allowed(ConsoleAction.MANAGE_USERS)
    public void enable(String user) {
        Pages.info(users.enable(user).username() + " may sign in again");
        load();
    }

    @Allowed(ConsoleAction.MANAGE_USERS)
    public void resetPassword(String user) {
        Pages.info(users.resetPassword(user, resetPasswords.get(user)).username()
                + " has a new initial password, to be changed at the next sign-in");
        load();
    }

    public List<UserSummary> getRows() {
        return rows;
    }

    public Role[] getRoleValues() {
        return Role.values();
    }

    public Map<String, Role> getRoles() {
        return roles;
    }

    public Map<String, String> getMemberCodes() {
        return memberCodes;
    }

    public Map<String, String> getResetPasswords() {
        return resetPasswords;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getMemberCode() {
        return memberCode;
    }

    public void setMemberCode(String memberCode) {
        this.memberCode = memberCode;
    }

    public String getInitialPassword() {
        return initialPassword;
    }

    public void setInitialPassword(String initialPassword) {
        this.initialPassword = initialPassword;
    }
}
