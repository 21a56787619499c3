package org.originhub.hub.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    protected AuditHead() {
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    public void advance(long newSeq, String newHash) {
        this.seq = newSeq;
        this.hash = newHash;
    }
}
