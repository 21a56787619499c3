package org.originhub.hub.lifecycle.entity;

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

/** One status change of a CO and the envelope whose document caused it. Never changed. */
@Entity
@Table(name = "co_status_change")
@NamedQuery(name = CoStatusChange.OF_CO, query = "SELECT c FROM CoStatusChange c "
        + "WHERE c.issuerMember = :issuer AND c.coNumber = :number ORDER BY c.changedAt, c.id")
public class CoStatusChange {

    public static final String OF_CO = "CoStatusChange.ofCo";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "issuer_member", nullable = false, updatable = false, length = 2)
    private String issuerMember;

    @Column(name = "co_number", nullable = false, updatable = false, length = 35)
    private String coNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status", updatable = false, length = 24)
    private DocumentStatus previousStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, updatable = false, length = 24)
    private DocumentStatus status;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant changedAt;

    @Column(name = "tracking_number", nullable = false, updatable = false, length = 64)
    private String trackingNumber;

    protected CoStatusChange() {
    }

    public CoStatusChange(CoKey co, DocumentStatus previousStatus, DocumentStatus status, Instant at,
            String trackingNumber) {
        this.issuerMember = co.issuerMember();
        this.coNumber = co.coNumber();
        this.previousStatus = previousStatus;
        this.status = status;
        this.changedAt = at;
        this.trackingNumber = trackingNumber;
    }

    public DocumentStatus previousStatus() {
        return previousStatus;
    }

    public DocumentStatus status() {
        return status;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public String trackingNumber() {
        return trackingNumber;
    }
}
