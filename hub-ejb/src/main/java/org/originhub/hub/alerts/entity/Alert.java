package org.originhub.hub.alerts.entity;

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

/** Something the secretariat should look at. Raised once per cause; open until acknowledged. */
@Entity
@Table(name = "alert")
@NamedQuery(name = Alert.OPEN, query = "SELECT a FROM Alert a WHERE a.acknowledgedAt IS NULL ORDER BY a.raisedAt DESC")
@NamedQuery(name = Alert.BY_KEY, query = "SELECT a FROM Alert a WHERE a.dedupKey = :key")
public class Alert {

    public static final String OPEN = "Alert.open";
    public static final String BY_KEY = "Alert.byKey";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "kind", nullable = false, updatable = false, length = 40)
    private String kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "severity", nullable = false, updatable = false, length = 8)
    private Severity severity;

    @Column(name = "dedup_key", nullable = false, updatable = false, length = 200)
    private String dedupKey;

    @Column(name = "subject", nullable = false, updatable = false, length = 200)
    private String subject;

    @Column(name = "message", nullable = false, updatable = false, length = 1000)
    private String message;

    @Column(name = "raised_at", nullable = false, updatable = false)
    private Instant raisedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 200)
    private String acknowledgedBy;

    protected Alert() {
    }

    public Alert(String kind, Severity severity, String dedupKey, String subject, String message, Instant now) {
        this.kind = kind;
        this.severity = severity;
        this.dedupKey = dedupKey;
        this.subject = subject.length() > 200 ? subject.substring(0, 200) : subject;
        this.message = message.length() > 1000 ? message.substring(0, 1000) : message;
        this.raisedAt = now;
    }

    public void acknowledge(String by, Instant now) {
        if (acknowledgedAt == null) {
            acknowledgedAt = now;
            acknowledgedBy = by;
        }
    }

    public Long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public Severity severity() {
        return severity;
    }

    public String subject() {
        return subject;
    }

    public String message() {
        return message;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }
}
