/**
 * The admin REST API of the registry under {@code /api/admin} (JSON): the same operations as the console, so a
 * secretariat can script onboarding. Resources translate and delegate to the registry boundaries; the callers' roles
 * are checked on every method (deny by default).
 */
package org.originhub.web.api.registry;
