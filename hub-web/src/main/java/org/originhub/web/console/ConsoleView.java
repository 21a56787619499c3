package org.originhub.web.console;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.originhub.hub.users.entity.Role;

/**
 * Every page of the console and who may open it: the one table {@link ConsoleAccess} enforces on each request, the
 * menu is built from, and the browser test sweeps. A page that is not in this table is not served (404), so a new
 * view without an entry stays closed; {@code ConsoleViewTest} fails when a view file has no entry.
 *
 * <p>The message pages read the message log, so they admit the roles {@code MessageLog} serves (a member auditor its
 * own member state's exchanges only); operators resend failed deliveries from the dashboard, which lists them.
 */
public enum ConsoleView {

    LOGIN("login", "Sign in", null, Access.ANONYMOUS),
    FORBIDDEN("forbidden", "Not allowed", null, Access.SIGNED_IN),
    ACCOUNT("account", "Your password", null, Access.SIGNED_IN),

    DASHBOARD("dashboard", "Dashboard", MenuGroup.OVERVIEW, Access.STAFF),
    ALERTS("alerts", "Alerts", MenuGroup.OVERVIEW, Access.STAFF),

    MEMBER_STATES("member-states", "Member states and agreements", MenuGroup.REGISTRY, Access.STAFF),
    GATEWAYS("gateways", "Gateways", MenuGroup.REGISTRY, Access.STAFF),
    GATEWAY("gateway", "Gateway", null, Access.STAFF),
    CERTIFICATES("certificates", "Certificates and trust anchors", MenuGroup.REGISTRY, Access.STAFF),
    REQUESTS("requests", "Registration requests", MenuGroup.REGISTRY, Access.STAFF),

    MESSAGES("messages", "Messages", MenuGroup.MESSAGES, Access.AUDIT_READERS),
    MESSAGE("message", "Message", null, Access.AUDIT_READERS),
    CO_LOOKUP("co", "CO lookup", MenuGroup.MESSAGES, Access.AUDIT_READERS),

    AUDIT("audit", "Audit log", MenuGroup.AUDIT, Access.AUDIT_READERS),

    USERS("users", "Users", MenuGroup.ADMINISTRATION, Access.ADMINISTRATORS);

    /** Where a page sits in the menu. */
    public enum MenuGroup {
        OVERVIEW("Overview"), REGISTRY("Registry"), MESSAGES("Messages"), AUDIT("Audit"),
        ADMINISTRATION("Administration");

        private final String label;

        MenuGroup(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Who may open a page. */
    enum Access {
        /** Nobody needs to be signed in (the login page only). */
        ANONYMOUS(EnumSet.allOf(Role.class)),
        SIGNED_IN(EnumSet.allOf(Role.class)),
        /** The secretariat and the auditor who reads across all member states; not a member auditor. */
        STAFF(EnumSet.of(Role.SECRETARIAT_ADMIN, Role.OPERATOR, Role.AUDITOR)),
        /**
         * As the audit API and the message log: operators have no access; a member auditor reads its own member state
         * only.
         */
        AUDIT_READERS(EnumSet.of(Role.SECRETARIAT_ADMIN, Role.AUDITOR, Role.MEMBER_AUDITOR)),
        ADMINISTRATORS(EnumSet.of(Role.SECRETARIAT_ADMIN));

        private final Set<Role> roles;

        Access(Set<Role> roles) {
            this.roles = roles;
        }
    }

    public static final String FOLDER = "/console/";

    private final String name;
    private final String title;
    private final MenuGroup group;
    private final Access access;

    ConsoleView(String name, String title, MenuGroup group, Access access) {
        this.name = name;
        this.title = title;
        this.group = group;
        this.access = access;
    }

    /** The view's servlet path, e.g. {@code /console/gateways.xhtml}. */
    public String path() {
        return FOLDER + name + ".xhtml";
    }

    public String title() {
        return title;
    }

    /** Null when the page is not in the menu (reached from another page, or not a destination). */
    public MenuGroup group() {
        return group;
    }

    public boolean isPublic() {
        return access == Access.ANONYMOUS;
    }

    /** Whether a signed-in user in {@code role} may open this page. */
    public boolean admits(Role role) {
        return role != null && access.roles.contains(role);
    }

    /** The roles that may open this page, for documentation and the browser test's sweep. */
    public Set<Role> roles() {
        return EnumSet.copyOf(access.roles);
    }

    public static Optional<ConsoleView> byPath(String servletPath) {
        return Arrays.stream(values()).filter(v -> v.path().equals(servletPath)).findFirst();
    }

    /** Where a user lands after signing in: the dashboard, or for a member auditor its audit log. */
    public static ConsoleView home(Role role) {
        return DASHBOARD.admits(role) ? DASHBOARD : AUDIT;
    }
}
