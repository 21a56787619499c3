/**
 * The audit log: the one entry point ({@link org.originhub.hub.audit.boundary.AuditTrail}) every feature records
 * through, in the same transaction as the change it records. Records are hash-chained (see
 * {@link org.originhub.hub.audit.control.AuditCanonicalForm}) and append-only in the database (triggers refuse
 * UPDATE and DELETE). Registry changes arrive as {@code RegistryChanged} events, observed synchronously. Reading the
 * log (search, export, verification of the chain, each read itself recorded) goes through
 * {@link org.originhub.hub.audit.boundary.AuditLog}; {@link org.originhub.hub.audit.control.AuditChainVerifier}
 * recomputes the chain.
 */
package org.originhub.hub.audit;
