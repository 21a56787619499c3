package org.originhub.hub.exchange.boundary;

/**
 * A document for a PUSH gateway was accepted and is due for delivery now (it waits for no earlier document). Fired
 * in the intake's transaction; delivery observes it after the commit and starts a round at once, instead of leaving
 * the document to the next poll ({@code HUB_DELIVERY_POLL}).
 */
public record PushDue(String trackingNumber) {
}
