/**
 * The secretariat's REST API for payload retention: legal holds ({@code /api/admin/legal-holds}) and running the
 * purge now ({@code /api/admin/retention/purge}). The rules, the records and the purge itself belong to
 * {@link org.originhub.hub.retention}; this package only translates HTTP.
 */
package org.originhub.web.api.retention;
