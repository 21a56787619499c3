package org.originhub.hub.exchange.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * The payload bytes of one message exactly as received, apart from the envelope so that listing, tracking and the
 * delivery queue never load them, and so that a retention purge can drop payloads and keep envelopes. Loaded by id
 * only when a document is delivered. Never changed.
 */
@Entity
@Table(name = "exchange_payload")
public class MessagePayload {

    @Id
    @Column(name = "message_id")
    private Long messageId;

    // EAGER on purpose: the entity exists only to carry these bytes (a LAZY basic attribute would need weaving).
    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "content", nullable = false, updatable = false)
    private byte[] content;

    protected MessagePayload() {
    }

    public MessagePayload(Long messageId, byte[] content) {
        this.messageId = messageId;
        this.content = content.clone();
    }

    public Long messageId() {
        return messageId;
    }

    public byte[] content() {
        return content.clone();
    }
}
