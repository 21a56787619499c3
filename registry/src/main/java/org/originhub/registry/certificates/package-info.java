/**
 * Certificates of the regional registry: the trust anchors (the community CA and the national CAs), the revocation
 * lists imported for them, and the gateway and signer certificates that members register. A certificate enters the
 * registry only through the rules in {@code control}, so that nothing the hub later trusts for a signature was
 * accepted without chain, validity, key, key usage, revocation and duplicate checks.
 */
package org.originhub.registry.certificates;
