/**
 * The CO life-cycle register: per CO (issuing member state + CO number) its document status (issued, replaced,
 * cancelled, accepted, rejected, utilised, verification requested, confirmed, not confirmed) with every change and the
 * envelope that caused it. Changed only by documents the exchange accepts, in the same transaction, by the rules of
 * {@link org.originhub.hub.lifecycle.control.LifecycleRules}; read by the parties through the exchange
 * ({@code GetDocumentStatus}) and, later, by auditors. Never a delivery status (that is the exchange's).
 */
package org.originhub.hub.lifecycle;
