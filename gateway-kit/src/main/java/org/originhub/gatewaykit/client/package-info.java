/**
 * The Java client of the hub for a member state's gateway: {@link org.originhub.gatewaykit.client.HubClient} over
 * the exchange and registry services, with the WS-Security profile applied in both directions, and the plain Java
 * values it takes and returns (records; the enumerations are the contract's own). Hub faults surface as {@link
 * org.originhub.gatewaykit.client.HubFaultException}, an unreachable hub as {@link
 * org.originhub.gatewaykit.client.HubUnreachableException}, an answer that does not verify as {@link
 * org.originhub.gatewaykit.security.UntrustedMessageException}.
 */
package org.originhub.gatewaykit.client;
