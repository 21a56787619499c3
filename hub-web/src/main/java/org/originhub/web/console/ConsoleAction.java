package org.originhub.web.console;

import java.util.EnumSet;
import java.util.Set;
import org.originhub.hub.users.entity.Role;

/**
 * Every state-changing console action and the roles that may take it, mirroring the admin API's rules. Bean methods
 * name their action with {@link Allowed}, which {@link ActionCheck} enforces on the server; pages show a button only
 * when {@code caller.may('ACTION')} says so, from the same table, but hiding is a convenience, not the check.
 */
public enum ConsoleAction {

    /** Signing out and changing one's own password (which needs the current one). */
    OWN_ACCOUNT(Role.SECRETARIAT_ADMIN, Role.OPERATOR, Role.AUDITOR, Role.MEMBER_AUDITOR),

    /** Read-only actions on registry pages (filters, look-ups); what the page shows is read-only too. */
    READ_REGISTRY(Role.SECRETARIAT_ADMIN, Role.OPERATOR, Role.AUDITOR),

    MANAGE_MEMBER_STATES(Role.SECRETARIAT_ADMIN),
    MANAGE_AGREEMENTS(Role.SECRETARIAT_ADMIN),
    /** Asking for a new gateway, a new certificate or an endpoint change (each becomes a registration request). */
    SUBMIT_GATEWAY_REQUESTS(Role.SECRETARIAT_ADMIN, Role.OPERATOR),
    OPERATE_GATEWAYS(Role.SECRETARIAT_ADMIN, Role.OPERATOR),
    REVOKE_CERTIFICATES(Role.SECRETARIAT_ADMIN, Role.OPERATOR),
    MANAGE_TRUST_ANCHORS(Role.SECRETARIAT_ADMIN),
    /** Operators decide routine requests only; {@code RequestDecisions} has the rule per request kind. */
    DECIDE_REQUESTS(Role.SECRETARIAT_ADMIN, Role.OPERATOR),
    ACKNOWLEDGE_ALERTS(Role.SECRETARIAT_ADMIN, Role.OPERATOR),

    /** Searching and exporting; a member auditor's filter is forced to its member state by the audit log. */
    READ_AUDIT_LOG(Role.SECRETARIAT_ADMIN, Role.AUDITOR, Role.MEMBER_AUDITOR),
    VERIFY_AUDIT_CHAIN(Role.SECRETARIAT_ADMIN, Role.AUDITOR),

    /**
     * Searching the message log, opening an exchange and its payload, looking up a CO: the message log scopes a
     * member auditor to its own member state and records every read.
     */
    READ_MESSAGE_LOG(Role.SECRETARIAT_ADMIN, Role.AUDITOR, Role.MEMBER_AUDITOR),
    /** Resending a FAILED_DELIVERY (the dashboard lists them; the message page offers it too). */
    RESEND_DELIVERIES(Role.SECRETARIAT_ADMIN, Role.OPERATOR),

    MANAGE_USERS(Role.SECRETARIAT_ADMIN);

    private final Set<Role> roles;

    ConsoleAction(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public boolean admits(Role role) {
        return role != null && roles.contains(role);
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }
}
