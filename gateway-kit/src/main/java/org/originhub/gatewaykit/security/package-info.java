/**
 * The hub's WS-Security profile as the kit applies it, in both directions: signing what a gateway sends with its
 * PKCS#12 key ({@link org.originhub.gatewaykit.security.GatewayKeystore}, {@link
 * org.originhub.gatewaykit.security.WsSecurityProfile#signer}) and verifying what it receives against pinned
 * certificates ({@link org.originhub.gatewaykit.security.PinnedCertificates}, {@link
 * org.originhub.gatewaykit.security.WsSecurityProfile#verify}). The client and the simulator use the same classes,
 * so a gateway built on the kit signs and checks exactly as the hub does.
 */
package org.originhub.gatewaykit.security;
