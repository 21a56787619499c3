package org.originhub.hub.retention.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A legal hold: while it is in force, the retention purge leaves the payloads it covers alone. Life cycle: placed
 * (by the secretariat, with a reason) -> lifted (by the secretariat, with a reason), final. A lifted hold is kept,
 * so the table is the history of holds; several holds may cover the same object.
 */
@Entity
@Table(name = "legal_hold")
@NamedQuery(name = LegalHold.ALL, query = "SELECT h FROM LegalHold h ORDER BY h.id DESC")
@NamedQuery(name = LegalHold.IN_FORCE, query = "SELECT h FROM LegalHold h WHERE h.liftedAt IS NULL ORDER BY h.id DESC")
@NamedQuery(name = LegalHold.IN_FORCE_FOR_MESSAGE, query = "SELECT h FROM LegalHold h WHERE h.liftedAt IS NULL AND "
        + "(h.trackingNumber = :tracking OR (h.issuerMember = :issuer AND (h.coNumber = :co OR h.coNumber = :replaced)))"
        + " ORDER BY h.id")
public class LegalHold {

    public static final String ALL = "LegalHold.all";
    public static final String IN_FORCE = "LegalHold.inForce";
    public static final String IN_FORCE_FOR_MESSAGE = "LegalHold.inForceForMessage";
    public static final int REASON_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope", nullable = false, updatable = false, length = 8)
    private HoldScope scope;

    @Column(name = "issuer_member", updatable = false, length = 2)
    private String issuerMember;

    @Column(name = "co_number", updatable = false, length = 35)
    private String coNumber;

    @Column(name = "tracking_number", updatable = false, length = 64)
    private String trackingNumber;

    @Column(name = "reason", nullable = false, updatable = false, length = REASON_MAX)
    private String reason;

    @Column(name = "placed_by", nullable = false, updatable = false, length = 200)
    private String placedBy;

    @Column(name = "placed_at", nullable = false, updatable = false)
    private Instant placedAt;

    @Column(name = "lifted_by", length = 200)
    private String liftedBy;

    @Column(name = "lifted_at")
    private Instant liftedAt;

    @Column(name = "lift_reason", length = REASON_MAX)
    private String liftReason;

    @Version
    private long version;

    protected LegalHold() {
    }

    private LegalHold(HoldScope scope, String issuerMember, String coNumber, String trackingNumber, String reason,
            String placedBy, Instant placedAt) {
        this.scope = scope;
        this.issuerMember = issuerMember;
        this.coNumber = coNumber;
        this.trackingNumber = trackingNumber;
        this.reason = Objects.requireNonNull(reason);
        this.placedBy = Objects.requireNonNull(placedBy);
        this.placedAt = Objects.requireNonNull(placedAt);
    }

    /** A hold on every message about the CO {@code issuerMember}/{@code coNumber}. */
    public static LegalHold onCo(String issuerMember, String coNumber, String reason, String by, Instant at) {
        return new LegalHold(HoldScope.CO, Objects.requireNonNull(issuerMember), Objects.requireNonNull(coNumber),
                null, reason, by, at);
    }

    /** A hold on the one message {@code trackingNumber}. */
    public static LegalHold onExchange(String trackingNumber, String reason, String by, Instant at) {
        return new LegalHold(HoldScope.EXCHANGE, null, null, Objects.requireNonNull(trackingNumber), reason, by, at);
    }

    /** Lifts the hold; false (and nothing changes) when it was lifted already. */
    public boolean lift(String reason, String by, Instant at) {
        if (liftedAt != null) {
            return false;
        }
        this.liftReason = Objects.requireNonNull(reason);
        this.liftedBy = Objects.requireNonNull(by);
        this.liftedAt = Objects.requireNonNull(at);
        return true;
    }

    public boolean inForce() {
        return liftedAt == null;
    }

    /** What the hold covers, for messages and audit details: {@code CO KE/KE-2026-1} or {@code exchange OH-...}. */
    public String object() {
        return scope == HoldScope.CO ? "CO " + issuerMember + "/" + coNumber : "exchange " + trackingNumber;
    }

    public Long id() {
        return id;
    }

    public HoldScope scope() {
        return scope;
    }

    public String issuerMember() {
        return issuerMember;
    }

    public String coNumber() {
        return coNumber;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public String reason() {
        return reason;
    }

    public String placedBy() {
        return placedBy;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public String liftedBy() {
        return liftedBy;
    }

    public Instant liftedAt() {
        return liftedAt;
    }

    public String liftReason() {
        return liftReason;
    }
}
