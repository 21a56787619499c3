/**
 * A PUSH gateway that does what the contract asks of one (gateway-push.wsdl): {@link
 * org.originhub.gatewaykit.simulator.GatewaySimulator} serves DeliverDocument on loopback, accepts only requests the
 * pinned hub certificate signed, stores what it receives, acknowledges it with a signed answer, and answers repeats
 * idempotently; on demand it acknowledges with warnings or as not readable, refuses the next deliveries
 * (ServiceUnavailable) or answers slowly. For the hub's tests, demos and benchmarks, and as a reference for member
 * states writing their own PUSH endpoint. {@link org.originhub.gatewaykit.simulator.SoapHttpServer} is the HTTP side.
 */
package org.originhub.gatewaykit.simulator;
