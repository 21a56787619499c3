/**
 * The hub as a SOAP client: pushing documents to PUSH gateways (gateway-push.wsdl) for the delivery feature of
 * hub-ejb, signed with the hub key, with the gateway's signed acknowledgement verified against its registered
 * certificates.
 */
package org.originhub.soap.delivery;
