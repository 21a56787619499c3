package org.originhub.hub.users.entity;

import java.util.regex.Pattern;

/**
 * What a hub user may do. The names are also the Jakarta Security group and role names ({@link Roles} holds them as
 * constants for {@code @RolesAllowed}) and the values of {@code hub_user.role}.
 */
public enum Role {

    /** Everything, including users and trust anchors. */
    SECRETARIAT_ADMIN,
    /** Day-to-day operation of the hub; not users, not trust anchors. */
    OPERATOR,
    /** Read-only, across all member states. */
    AUDITOR,
    /** Read-only, limited to one member state (its ISO 3166-1 alpha-2 code). */
    MEMBER_AUDITOR;

    private static final Pattern MEMBER_CODE = Pattern.compile("[A-Z]{2}");

    /** True when this role is limited to one member state and so needs a member code. */
    public boolean isScopedToMember() {
        return this == MEMBER_AUDITOR;
    }

    /**
     * A member auditor needs an upper-case ISO 3166-1 alpha-2 code; every other role must have none (the same rule as
     * the table's check constraint).
     */
    public boolean acceptsMemberCode(String memberCode) {
        return isScopedToMember() ? memberCode != null && MEMBER_CODE.matcher(memberCode).matches()
                : memberCode == null;
    }
}
