/**
 * The delivery state of an accepted document: {@link org.originhub.hub.delivery.entity.DeliveryState}, embedded in
 * the exchange's aggregate root {@link org.originhub.hub.exchange.entity.ExchangeMessage} (same table, its delivery
 * columns), with the transitions of the delivery state machine (hold behind an earlier document, claim and lease,
 * attempts and retries, acknowledgement, failure, resend); the {@link org.originhub.hub.delivery.entity.DeliveryStatus}
 * it moves through and the {@link org.originhub.hub.delivery.entity.AcknowledgementKind} a recipient answers with. It
 * depends on nothing else in the hub, so the exchange can embed it without a package cycle.
 */
package org.originhub.hub.delivery.entity;
