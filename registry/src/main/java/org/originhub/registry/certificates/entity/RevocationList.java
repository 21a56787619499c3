package org.originhub.registry.certificates.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** A CRL imported for a trust anchor, kept as received; its entries go to {@link RevokedSerial}. */
@Entity
@Table(name = "revocation_list")
public class RevocationList {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "anchor_id", nullable = false, updatable = false)
    private Long anchorId;

    @Column(name = "this_update", nullable = false, updatable = false)
    private Instant thisUpdate;

    @Column(name = "next_update", updatable = false)
    private Instant nextUpdate;

    @Column(name = "entry_count", nullable = false, updatable = false)
    private int entryCount;

    @Lob
    @Column(name = "der", nullable = false, updatable = false)
    private byte[] der;

    @Column(name = "imported_at", nullable = false, updatable = false)
    private Instant importedAt;

    @Column(name = "imported_by", nullable = false, updatable = false, length = 200)
    private String importedBy;

    protected RevocationList() {
    }

    public RevocationList(Long anchorId, Instant thisUpdate, Instant nextUpdate, int entryCount, byte[] der,
            String importedBy, Instant now) {
        this.anchorId = anchorId;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
        this.entryCount = entryCount;
        this.der = der.clone();
        this.importedBy = importedBy;
        this.importedAt = now;
    }

    public Long id() {
        return id;
    }

    public Long anchorId() {
        return anchorId;
    }

    public Instant thisUpdate() {
        return thisUpdate;
    }

    public Instant nextUpdate() {
        return nextUpdate;
    }

    public int entryCount() {
        return entryCount;
    }

    public Instant importedAt() {
        return importedAt;
    }
}
