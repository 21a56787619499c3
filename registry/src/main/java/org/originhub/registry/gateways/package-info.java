/**
 * Gateways (a member state's system that talks to the hub) and the X.509 certificates they sign with. A gateway is
 * PUSH (the hub calls its SOAP endpoint) or PULL (it fetches its inbox), and may send and receive only the document
 * types it is registered for. It has at most one ACTIVE and one STAGED certificate; activating the staged one
 * supersedes the old. This feature also answers the security pipeline's question "who signed this?".
 */
package org.originhub.registry.gateways;
