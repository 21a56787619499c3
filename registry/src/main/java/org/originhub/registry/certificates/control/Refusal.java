package org.originhub.registry.certificates.control;

/**
 * Why a certificate (gateway, signer or trust anchor) was refused. The edges map these to SOAP fault codes, HTTP
 * problems and console messages; the accompanying {@link CertificateRejectedException#getMessage() message} carries
 * the specifics (subject, dates, key size, anchor).
 */
public enum Refusal {
    /** Empty input, neither PEM nor DER, more than one certificate, or a PEM block that is not a certificate. */
    UNPARSEABLE,
    /** Not issued by (or not validly signed by) any active trust anchor, or the issuing anchor is out of validity. */
    NOT_TRUSTED,
    /** A self-signed end-entity certificate: nobody vouches for it. */
    SELF_SIGNED,
    /** {@code notBefore} is after the instant of the check. */
    NOT_YET_VALID,
    /** {@code notAfter} is before the instant of the check. */
    EXPIRED,
    /** Not RSA of at least 2048 bits or EC on NIST P-256, P-384 or P-521 (DSA, RSA-1024, EC P-192, Ed25519...). */
    WEAK_KEY,
    /** Signed with a broken digest (MD2, MD5, SHA-1): the issuer's signature over the certificate can be forged. */
    WEAK_SIGNATURE,
    /** The key usage allows neither digitalSignature nor nonRepudiation, or there is no KeyUsage extension. */
    NO_SIGNING_USAGE,
    /** A CA certificate offered as a gateway or signer certificate: CAs issue certificates, not messages. */
    CA_CERTIFICATE,
    /** Offered as a trust anchor, but not a CA (no basicConstraints CA=true, or no keyCertSign key usage). */
    NOT_A_CA,
    /** The issuing anchor's imported CRL lists the certificate's serial number. */
    REVOKED,
    /** A certificate with the same fingerprint is already in the registry. */
    ALREADY_REGISTERED
}
