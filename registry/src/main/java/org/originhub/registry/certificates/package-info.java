/**
 * Certificates of the regional registry: the trust anchors (the community CA and the national CAs), the revocation
 * lists imported for them, and the gateway and signer certificates that members register. A certificate enters the
 * registry only through the rules in {@code control}, so that nothing the hub later trusts for a signature was
 * accepted without chain, validity, key, key usage, revocation and duplicate checks. The features that keep
 * certificates (gateways, authorities, requests) import this one, never the reverse: they hear of CRL revocations
 * ({@code CrlImported}) and answer the duplicate question ({@code CertificateInUse}) as observers of its events.
 */
package org.originhub.registry.certificates;
