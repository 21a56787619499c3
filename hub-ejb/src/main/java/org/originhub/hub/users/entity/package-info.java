/**
 * The hub user account ({@link org.originhub.hub.users.entity.HubUser}) with its lockout and status rules, and the
 * role vocabulary ({@link org.originhub.hub.users.entity.Role} for code, {@link org.originhub.hub.users.entity.Roles}
 * for {@code @RolesAllowed}).
 */
package org.originhub.hub.users.entity;
