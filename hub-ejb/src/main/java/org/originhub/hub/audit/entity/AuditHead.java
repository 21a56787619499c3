package org.originhub.hub.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The head of the chain (one row). Every append locks it, so sequence numbers and previous hashes are assigned in a
 * single order across all hub nodes, independent of insert order or AUTO_INCREMENT.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    public static final byte SINGLE_ROW = 1;

    @Id
    private byte id;

    @Column(name = "seq", nullable = false)
    private long seq;

    @Column(name = "hash", nullable = false, length = 64)
    private String hash;

    /** The time of the last record; null only before the first. */
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected AuditHead() {
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    /**
     * The time the next record gets: {@code now}, or the last record's time if {@code now} is earlier (another node's
     * clock ran ahead), so that times never go backwards along the chain and a time range is a sequence range.
     */
    public Instant nextTime(Instant now) {
        return recordedAt != null && now.isBefore(recordedAt) ? recordedAt : now;
    }

    public void advance(long newSeq, String newHash, Instant newRecordedAt) {
        this.seq = newSeq;
        this.hash = newHash;
        this.recordedAt = newRecordedAt;
    }
}
