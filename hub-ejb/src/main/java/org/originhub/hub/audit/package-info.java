/**
 * The audit log: the one entry point ({@link org.originhub.hub.audit.boundary.AuditTrail}) every feature records
 * through, in the same transaction as the change it records. Records are hash-chained (see
 * {@link org.originhub.hub.audit.control.AuditCanonicalForm}) and append-only in the database (triggers refuse
 * UPDATE and DELETE). Registry changes arrive as {@code RegistryChanged} events, observed synchronously.
 */
package org.originhub.hub.audit;
