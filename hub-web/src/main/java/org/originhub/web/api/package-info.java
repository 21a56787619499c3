/**
 * The admin REST API under {@code /api}: the JAX-RS application, its resources (thin: they translate and delegate to
 * boundaries); its errors take the one JSON shape of {@code org.originhub.web.errors}. Every call needs a hub user
 * (HTTP Basic, see {@code org.originhub.web.security}); every resource method must say who may call it with
 * {@code @RolesAllowed} or {@code @PermitAll}, or it answers 403 to everybody.
 */
package org.originhub.web.api;
