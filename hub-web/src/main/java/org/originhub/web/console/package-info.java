/**
 * The secretariat console (Jakarta Faces + PrimeFaces) at {@code /console/}: its access tables
 * ({@link org.originhub.web.console.ConsoleView} per page, {@link org.originhub.web.console.ConsoleAction} per action),
 * their enforcement ({@link org.originhub.web.console.ConsoleAccess} on every Faces request,
 * {@link org.originhub.web.console.ActionCheck} on every bean action), the security headers, and the one place that
 * turns boundary refusals into page messages ({@link org.originhub.web.console.ConsoleErrors}). The page beans live in
 * the sub-packages by feature; they translate and delegate to the registry and hub-ejb boundaries.
 */
package org.originhub.web.console;
