/**
 * The web edge's one JSON error body, {@code {"status":..,"code":..,"message":..}}: written by the API's exception
 * mappers ({@code org.originhub.web.api.errors}) and by the security mechanism and filters
 * ({@code org.originhub.web.security}), which answer 401 and 403 before any resource runs. It sits below both so that
 * security never imports the API it protects.
 */
package org.originhub.web.errors;
