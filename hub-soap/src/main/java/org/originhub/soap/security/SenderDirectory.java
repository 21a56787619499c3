package org.originhub.soap.security;

import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * What the pipeline needs to know about the community's senders, asked for every request (so changes made in the
 * console apply to the next message, on every node). Implemented over the registry's read cache, which checks the
 * registry version in the database on every use, so that nothing it keeps outlives a committed change.
 *
 * <p>Trust and registration are two separate checks and both are required: a certificate must chain to one of
 * {@link #trustAnchors()} <em>and</em> {@link #lookup(String)} must accept it.
 */
public interface SenderDirectory {

    /**
     * The certificate authorities currently trusted to issue gateway certificates. The signer's certificate is the
     * only one a message carries, so a CA below a root must itself be listed to be usable. Revocation is not read
     * from CRLs here: a revoked gateway certificate is reported by {@link #lookup(String)}.
     */
    Collection<X509Certificate> trustAnchors();

    /**
     * The standing of the certificate with this SHA-256 fingerprint (lowercase hex of the DER encoding, 64
     * characters): accepted with its member and gateway when it is the active or staged certificate of an active
     * gateway of an active member, otherwise why not. Never null; {@link SenderStanding#unknown()} when not found.
     */
    SenderStanding lookup(String certificateFingerprint);

    /**
     * Both answers the pipeline needs for one message. An implementation over a cached registry overrides it to
     * read the registry once for both.
     */
    default Trust trust(String certificateFingerprint) {
        return new Trust(trustAnchors(), lookup(certificateFingerprint));
    }

    /** The trust anchors and the standing of one certificate, as {@link #trust} answers them. */
    record Trust(Collection<X509Certificate> trustAnchors, SenderStanding standing) {
    }
}
