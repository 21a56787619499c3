package org.originhub.hub.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One audit record. Written once, never updated (every column is {@code updatable = false}, and database triggers
 * refuse UPDATE and DELETE). {@code hash} covers the canonical form of all other fields plus {@code prevHash}.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    @Column(name = "seq", updatable = false)
    private long seq;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "actor_kind", nullable = false, updatable = false, length = 16)
    private String actorKind;

    @Column(name = "actor", nullable = false, updatable = false, length = 200)
    private String actor;

    @Column(name = "actor_member", updatable = false, length = 2)
    private String actorMember;

    @Column(name = "action", nullable = false, updatable = false, length = 64)
    private String action;

    @Column(name = "outcome", nullable = false, updatable = false, length = 16)
    private String outcome;

    @Column(name = "object_type", updatable = false, length = 40)
    private String objectType;

    @Column(name = "object_id", updatable = false, length = 100)
    private String objectId;

    @Column(name = "tracking_number", updatable = false, length = 64)
    private String trackingNumber;

    @Column(name = "co_number", updatable = false, length = 100)
    private String coNumber;

    @Column(name = "sender_member", updatable = false, length = 2)
    private String senderMember;

    @Column(name = "recipient_member", updatable = false, length = 2)
    private String recipientMember;

    @Column(name = "detail", updatable = false, length = 1000)
    private String detail;

    @Column(name = "prev_hash", nullable = false, updatable = false, length = 64)
    private String prevHash;

    @Column(name = "hash", nullable = false, updatable = false, length = 64)
    private String hash;

    protected AuditRecord() {
    }

    public AuditRecord(long seq, Instant recordedAt, AuditEntry entry, String prevHash, String hash) {
        this.seq = seq;
        this.recordedAt = recordedAt;
        this.actorKind = entry.actorKind();
        this.actor = entry.actor();
        this.actorMember = entry.actorMember();
        this.action = entry.action();
        this.outcome = entry.outcome().name();
        this.objectType = entry.objectType();
        this.objectId = entry.objectId();
        this.trackingNumber = entry.trackingNumber();
        this.coNumber = entry.coNumber();
        this.senderMember = entry.senderMember();
        this.recipientMember = entry.recipientMember();
        this.detail = entry.detail();
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public long seq() {
        return seq;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public AuditEntry entry() {
        return new AuditEntry(actorKind, actor, actorMember, action, Outcome.valueOf(outcome), objectType, objectId,
                trackingNumber, coNumber, senderMember, recipientMember, detail);
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
