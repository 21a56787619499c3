package org.originhub.hub.users.entity;

/**
 * The {@link Role} names as compile-time constants, for {@code @RolesAllowed} and {@code @DeclareRoles} (annotations
 * cannot take enum names). {@code RolesTest} keeps both in step.
 */
public final class Roles {

    public static final String SECRETARIAT_ADMIN = "SECRETARIAT_ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String AUDITOR = "AUDITOR";
    public static final String MEMBER_AUDITOR = "MEMBER_AUDITOR";

    private Roles() {
    }
}
