/**
 * The CO life-cycle register: per CO (issuing member state + CO number) its document status (issued, replaced,
 * cancelled, accepted, rejected, utilised, verification requested, confirmed, not confirmed) with every change and the
 * envelope that caused it. Changed only by documents the exchange accepts, in the same transaction:
 * {@link org.originhub.hub.lifecycle.control.CoRegister} decides by the rules of
 * {@link org.originhub.hub.lifecycle.control.LifecycleRules} and applies the change. Read by the parties through the
 * exchange ({@code GetDocumentStatus}) and by the console's message log. Knows nothing of the exchange: the exchange
 * says which life-cycle event a document is. Never a delivery status (that is the exchange's).
 */
package org.originhub.hub.lifecycle;
