package org.originhub.registry.certificates.boundary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.originhub.registry.events.Actor;

/**
 * A CRL of a trust anchor was imported: the features that keep certificates issued under that anchor (gateway
 * certificates, authorised signers) observe it synchronously, inside the import's transaction, revoke the ones whose
 * serial it lists, and report each revoked fingerprint back through {@link #revoked(String)}. The certificates
 * feature fires it and imports none of them; the arrows run from those features to this one.
 */
public final class CrlImported {

    private final Actor actor;
    private final Long anchorId;
    private final String anchorName;
    private final Set<String> serials;
    private final Instant at;
    private final List<String> revoked = new ArrayList<>();

    public CrlImported(Actor actor, Long anchorId, String anchorName, Set<String> serials, Instant at) {
        this.actor = Objects.requireNonNull(actor, "actor");
        this.anchorId = Objects.requireNonNull(anchorId, "anchorId");
        this.anchorName = anchorName;
        this.serials = Set.copyOf(serials);
        this.at = Objects.requireNonNull(at, "at");
    }

    public Actor actor() {
        return actor;
    }

    public Long anchorId() {
        return anchorId;
    }

    public String anchorName() {
        return anchorName;
    }

    /** When the import happened: the revocation time of every certificate it revokes. */
    public Instant at() {
        return at;
    }

    /** The reason recorded on each certificate the CRL revokes. */
    public String revocationReason() {
        return "listed in the CRL of trust anchor " + anchorName;
    }

    /** Whether the CRL lists this serial number (hexadecimal, as the registry stores it). */
    public boolean lists(String serialHex) {
        return serials.contains(serialHex);
    }

    /** Records that an observer revoked the registered certificate with this fingerprint. */
    public void revoked(String fingerprint) {
        revoked.add(fingerprint);
    }

    /** The fingerprints the observers revoked, in the order they revoked them. */
    public List<String> revokedFingerprints() {
        return List.copyOf(revoked);
    }
}
