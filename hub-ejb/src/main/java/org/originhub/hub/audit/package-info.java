/**
 * The audit log: the one entry point ({@link org.originhub.hub.audit.boundary.AuditTrail}) every feature records
 * through, in the same transaction as the change it records. Records are hash-chained (see
 * {@link org.originhub.hub.audit.control.AuditCanonicalForm}) and append-only in the database (triggers refuse
 * UPDATE and DELETE). Registry changes arrive as {@code RegistryChanged} events, observed synchronously. Reading the
 * log (search, export, verification of the chain, each read itself recorded) goes through
 * {@link org.originhub.hub.audit.boundary.AuditLog}, which authorizes under
 * {@link org.originhub.hub.audit.control.MemberScope} (shared with the message log) and reads a page through
 * {@link org.originhub.hub.audit.control.AuditQueryPlanner}; {@link org.originhub.hub.audit.control.AuditChainVerifier}
 * recomputes the chain. {@link org.originhub.hub.audit.boundary.Checkpoints} signs the chain head now and then
 * through the {@link org.originhub.hub.audit.boundary.CheckpointSigner} seam (the hub's key lives in hub-soap), so a
 * consistent rewrite of the whole chain no longer matches what members and auditors were given.
 */
package org.originhub.hub.audit;
