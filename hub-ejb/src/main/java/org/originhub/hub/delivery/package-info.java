/**
 * Store-and-forward delivery of accepted documents to PUSH gateways: claiming due deliveries from the database so that
 * several hub nodes share the work without pushing one message twice (a lease that expires after a crash), pushing
 * through the SOAP edge's {@link org.originhub.hub.delivery.boundary.PushTransport} outside any transaction, the
 * attempt history, retries under the {@link org.originhub.hub.delivery.control.BackoffPolicy} and, when it gives
 * up, FAILED_DELIVERY with an alert; the console's resend. PULL gateways are served by the exchange's inbox instead.
 */
package org.originhub.hub.delivery;
