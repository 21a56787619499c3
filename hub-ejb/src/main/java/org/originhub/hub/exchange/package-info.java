/**
 * The CO exchange between member states' gateways: checking a submission against the contract (payload schema and
 * consistency with the envelope, recipient, agreement, permissions, idempotency, duplicates, references and the CO
 * life cycle), storing envelope and payload byte for byte with its SHA-256 and a hub tracking number, ordering per
 * CO (a document waits for the earlier one about the same CO to the same recipient), the PULL inbox, pulls and
 * acknowledgements, tracking and document status queries. The boundary is
 * {@link org.originhub.hub.exchange.boundary.Exchanges}; the SOAP edge translates to and from it. A submission is
 * taken in by {@link org.originhub.hub.exchange.boundary.Intake} in its own transaction, through the checks of
 * {@link org.originhub.hub.exchange.control.IntakeChecks}; the contract's values (envelope, findings, refusals) are
 * entities, so the rules in control depend on nothing above them. Delivery status
 * (per envelope) lives here; document status (per CO) in the lifecycle feature.
 * {@link org.originhub.hub.exchange.boundary.ExchangeStatistics} gives the console its operational figures (the
 * dashboard's, and a member state's recent deliveries) from envelope routing and delivery state only.
 */
package org.originhub.hub.exchange;
