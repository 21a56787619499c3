/**
 * The read-only audit API under {@code /api/audit}: records (filtered, keyset-paged), export (JSON lines or CSV,
 * streamed) and verification of the hash chain. Authorization per member state and the recording of every query
 * belong to {@link org.originhub.hub.audit.boundary.AuditLog}; this package only translates HTTP.
 */
package org.originhub.web.api.audit;
