/**
 * The certificate rules of the regional registry, as pure functions over bytes, certificates and an instant: decoding
 * PEM and DER ({@link org.originhub.registry.certificates.control.CertificateDecoder}), the checks a gateway or signer
 * certificate, a trust anchor and a CRL must pass before they are stored
 * ({@link org.originhub.registry.certificates.control.CertificatePolicy}), and the expiry warnings
 * ({@link org.originhub.registry.certificates.control.ExpiryWarnings}).
 *
 * <p>Nothing here reads the database or the clock: the boundary loads the active anchors and revoked serials into a
 * {@link org.originhub.registry.certificates.control.TrustMaterial}, passes the instant to judge at, and decides what
 * to persist and audit. That keeps every rule testable with generated certificates. Only the JDK's own providers are
 * used (PKIX {@code CertPathValidator}), so the hub's trust decisions do not depend on a third-party crypto library.
 *
 * <p>A refusal is an unchecked exception carrying an enum (for mapping at the edges, once per edge) and a message
 * written for the secretariat officer who has to tell the member what to fix.
 */
package org.originhub.registry.certificates.control;
