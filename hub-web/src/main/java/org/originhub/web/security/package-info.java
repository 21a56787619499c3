/**
 * Who the caller of the web edge is, and what it may do. {@link org.originhub.web.security.HubAuthentication} is the
 * application's one Jakarta Security mechanism: HTTP Basic for {@code /api/}, answered with a JSON 401 and a Basic
 * challenge when credentials are missing or refused; form login with a session for the console ({@code /console/});
 * every other path (health, {@code /services} with its own WS-Security) passes untouched. Passwords are checked by
 * {@link org.originhub.web.security.HubIdentityStore} through the users boundary (failure counts, audit events);
 * {@link org.originhub.web.security.LoginThrottle} throttles failed sign-ins per source address instead of locking
 * accounts.
 * {@link org.originhub.web.security.RoleEnforcement} makes the REST API deny by default.
 */
package org.originhub.web.security;
