package org.originhub.hub.exchange.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One delivery attempt of a message, kept for tracking and for the secretariat. Never changed once written. */
@Entity
@Table(name = "delivery_attempt")
@NamedQuery(name = DeliveryAttempt.OF_MESSAGE,
        query = "SELECT a FROM DeliveryAttempt a WHERE a.messageId = :message ORDER BY a.number")
@NamedQuery(name = DeliveryAttempt.OF_MESSAGES,
        query = "SELECT a FROM DeliveryAttempt a WHERE a.messageId IN :messages ORDER BY a.messageId, a.number")
public class DeliveryAttempt {

    public static final String OF_MESSAGE = "DeliveryAttempt.ofMessage";
    /** The attempts of several messages in one read (tracking asks for up to 100 at a time). */
    public static final String OF_MESSAGES = "DeliveryAttempt.ofMessages";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "message_id", nullable = false, updatable = false)
    private Long messageId;

    @Column(name = "attempt_number", nullable = false, updatable = false)
    private int number;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false, length = 8)
    private AttemptKind kind;

    @Column(name = "attempted_at", nullable = false, updatable = false)
    private Instant attemptedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, updatable = false, length = 16)
    private AttemptOutcome outcome;

    @Column(name = "detail", updatable = false, length = 1000)
    private String detail;

    @Column(name = "node", updatable = false, length = 64)
    private String node;

    protected DeliveryAttempt() {
    }

    public DeliveryAttempt(Long messageId, int number, AttemptKind kind, Instant at, AttemptOutcome outcome,
            String detail, String node) {
        this.messageId = messageId;
        this.number = number;
        this.kind = kind;
        this.attemptedAt = at;
        this.outcome = outcome;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "\u2026";
        this.node = node == null || node.length() <= 64 ? node : node.substring(0, 64);
    }

    public Long messageId() {
        return messageId;
    }

    public int number() {
        return number;
    }

    public AttemptKind kind() {
        return kind;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public AttemptOutcome outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }
}
