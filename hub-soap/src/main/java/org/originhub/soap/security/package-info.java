/**
 * The WS-Security pipeline of the hub's SOAP endpoints: every request is verified here before any business code sees
 * it, and fails closed. The profile ({@link org.originhub.soap.security.SecurityProfile}): a {@code wsse:Security}
 * header with a Timestamp (TTL 5 min, 60 s clock skew) and one X.509 signature (BinarySecurityToken, RSA-SHA256 or
 * stronger, SHA-256+ digests, exclusive C14N) covering the Body and the Timestamp, checked by element identity.
 * The signer must chain to a current trust anchor and be the active or staged certificate of an active gateway of an
 * active member ({@link org.originhub.soap.security.SenderDirectory}); replays are refused through the
 * {@link org.originhub.soap.security.ReplayGuard} that all nodes share.
 *
 * <p>Owns: the pipeline ({@link org.originhub.soap.security.SecurityPipeline}), the verified sender handed to
 * endpoints ({@link org.originhub.soap.security.AuthenticatedSender}), the hub's signing key
 * ({@link org.originhub.soap.security.HubKey}), and the mapping of every failure on this edge to a SOAP fault with a
 * stable code and an actionable reason ({@link org.originhub.soap.security.FaultCode}), with no internal detail.
 */
package org.originhub.soap.security;
