package org.originhub.hub.delivery.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.configuration.entity.NodeName;
import org.originhub.registry.persistence.InstantConverter;

/**
 * Where the delivery of one accepted envelope stands: its status, the ordering hold behind an earlier document, the
 * claim a hub node holds while it pushes, the attempts, the next retry, the acknowledgement and the failure. Embedded
 * in {@link org.originhub.hub.exchange.entity.ExchangeMessage} (the columns are those of {@code exchange_message});
 * the transitions below are the delivery state machine, and each one checks its own guard.
 * <pre>
 *                 acknowledge (push answer or AcknowledgeDelivery)
 * PENDING_DELIVERY ---------------------------------------------> DELIVERED | DELIVERED_WITH_WARNINGS
 *   |    ^                                                          | DELIVERED_NOT_READABLE            (final)
 *   |    | resend (console)
 *   v    |
 * FAILED_DELIVERY  &lt;-- fail (the backoff policy gave up pushing)
 * </pre>
 * While PENDING_DELIVERY:
 * <ul>
 * <li>{@link #dependOn held back}: an open dependency on an earlier pending document about the same CO keeps it out
 *     of the inbox and the push queue; the exchange releases it with a bulk update when that document is acknowledged
 *     or fails.</li>
 * <li>{@link #claim claimed}: a delivery node holds a lease ({@code claimToken}, {@code claimedUntil}) while it pushes,
 *     naming the {@link NodeIncarnation} that holds it ({@code claimedBy}, {@code claimedByStart}); other nodes skip
 *     the document until the lease is released, has expired, or the holder is known to be gone (it started again,
 *     or left the data grid: see the delivery queue's releases), so a crashed node delays a push but never loses
 *     it.</li>
 * <li>{@link #countAttempt attempts}: every push or pull counts; the first one starts the retry window of the backoff
 *     policy, and {@link #retryAt} sets when the next push is due ({@code nextAttemptAt}, null when nothing is due:
 *     a PULL delivery, or a final status).</li>
 * </ul>
 * Only the first acknowledgement counts: the same one again changes nothing, a different one is a conflict.
 */
@Embeddable
public class DeliveryState {

    /** Result of an acknowledgement. */
    public enum Acknowledged {
        /** The first acknowledgement: the delivery status changed. */
        SET,
        /** The same acknowledgement again: nothing changed. */
        REPEATED,
        /** A different acknowledgement than the first, or the delivery already failed: refused. */
        CONFLICT
    }

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status", nullable = false, length = 32)
    private DeliveryStatus status;

    @Column(name = "depends_on", length = 64)
    private String dependsOn;

    @Column(name = "dependency_open", nullable = false)
    private boolean dependencyOpen;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    // The converter is named on each time as well as auto-applied: the columns of an embeddable must not depend on
    // the provider extending autoApply to embedded attributes, or an Instant would be written as a BLOB.
    @Convert(converter = InstantConverter.class)
    @Column(name = "first_attempt_at")
    private Instant firstAttemptAt;

    @Convert(converter = InstantConverter.class)
    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Convert(converter = InstantConverter.class)
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claim_token", length = 64)
    private String claimToken;

    @Convert(converter = InstantConverter.class)
    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "claimed_by", length = 32)
    private String claimedBy;

    @Column(name = "claimed_by_start", length = 32)
    private String claimedByStart;

    @Enumerated(EnumType.STRING)
    @Column(name = "ack_kind", length = 20)
    private AcknowledgementKind ackKind;

    @Column(name = "ack_text", length = 2000)
    private String ackText;

    @Convert(converter = InstantConverter.class)
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Convert(converter = InstantConverter.class)
    @Column(name = "failed_at")
    private Instant failedAt;

    protected DeliveryState() {
    }

    /**
     * A new delivery, PENDING_DELIVERY, with no attempt yet.
     *
     * @param dueAt when the first push is due; null for a PULL delivery, which waits in the recipient's inbox
     */
    public DeliveryState(Instant dueAt) {
        this.status = DeliveryStatus.PENDING_DELIVERY;
        this.nextAttemptAt = dueAt;
    }

    /**
     * Orders this delivery after {@code predecessor}, the earlier document about the same CO for the same recipient;
     * held back while {@code open} (the predecessor is still pending).
     */
    public void dependOn(String predecessor, boolean open) {
        this.dependsOn = predecessor;
        this.dependencyOpen = open;
    }

    public boolean isPending() {
        return status == DeliveryStatus.PENDING_DELIVERY;
    }

    /** The delivery node {@code holder} takes the document until {@code until}; other nodes skip it meanwhile. */
    public void claim(String token, Instant until, NodeIncarnation holder) {
        this.claimToken = token;
        this.claimedUntil = until;
        this.claimedBy = holder.node().value();
        this.claimedByStart = holder.startId();
    }

    /** Whether the claim is still the one {@code token} took (not released, not taken over after its lease). */
    public boolean claimedBy(String token) {
        return token != null && token.equals(claimToken);
    }

    public void releaseClaim() {
        this.claimToken = null;
        this.claimedUntil = null;
        this.claimedBy = null;
        this.claimedByStart = null;
    }

    /** Counts a push or pull and returns its number (1 for the first); the first one starts the retry window. */
    public int countAttempt(Instant at) {
        attempts++;
        if (firstAttemptAt == null) {
            firstAttemptAt = at;
        }
        lastAttemptAt = at;
        return attempts;
    }

    /**
     * The recipient's acknowledgement. The first one sets the delivery status and ends the pushing; the same one again
     * changes nothing; a different one (or any after FAILED_DELIVERY) is a conflict.
     */
    public Acknowledged acknowledge(AcknowledgementKind kind, String text, Instant at) {
        if (isPending()) {
            ackKind = kind;
            ackText = text;
            acknowledgedAt = at;
            status = statusOf(kind);
            nextAttemptAt = null;
            return Acknowledged.SET;
        }
        return ackKind == kind ? Acknowledged.REPEATED : Acknowledged.CONFLICT;
    }

    private static DeliveryStatus statusOf(AcknowledgementKind kind) {
        switch (kind) {
            case OK:
                return DeliveryStatus.DELIVERED;
            case OK_WITH_WARNINGS:
                return DeliveryStatus.DELIVERED_WITH_WARNINGS;
            default:
                return DeliveryStatus.DELIVERED_NOT_READABLE;
        }
    }

    /** After a failed push: try again at {@code next}. */
    public void retryAt(Instant next) {
        this.nextAttemptAt = next;
    }

    /**
     * The hub gave up pushing.
     *
     * @throws IllegalStateException when the delivery is no longer pending
     */
    public void fail(Instant at) {
        if (!isPending()) {
            throw new IllegalStateException("only a pending delivery can fail, this one is " + status);
        }
        status = DeliveryStatus.FAILED_DELIVERY;
        failedAt = at;
        nextAttemptAt = null;
    }

    /**
     * Pending again after FAILED_DELIVERY, due at {@code now}, with a fresh retry window and no claim; the attempts
     * counted so far stay. {@link org.originhub.hub.exchange.entity.ExchangeMessage#resend} also checks that the
     * payload is still stored.
     *
     * @throws IllegalStateException when the delivery has not failed
     */
    public void resend(Instant now) {
        if (status != DeliveryStatus.FAILED_DELIVERY) {
            throw new IllegalStateException("only a failed delivery can be resent");
        }
        status = DeliveryStatus.PENDING_DELIVERY;
        failedAt = null;
        firstAttemptAt = null;
        nextAttemptAt = now;
        releaseClaim();
    }

    /** Nothing is pushed any more: the recipient's gateway pulls the document from its inbox. */
    public void awaitPull() {
        nextAttemptAt = null;
        releaseClaim();
    }

    public DeliveryStatus status() {
        return status;
    }

    /** The tracking number of the document this one is ordered after; null when none. */
    public String dependsOn() {
        return dependsOn;
    }

    /** Whether this delivery is held back behind {@link #dependsOn()}. */
    public boolean dependencyOpen() {
        return dependencyOpen;
    }

    public int attempts() {
        return attempts;
    }

    /** The first attempt since acceptance or since the last resend: the start of the retry window. */
    public Instant firstAttemptAt() {
        return firstAttemptAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    /** When the next push is due; null when none is. */
    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /** Until when the current claim holds; null when unclaimed. */
    public Instant claimedUntil() {
        return claimedUntil;
    }

    /** The node start that holds the current claim; null when unclaimed. */
    public NodeIncarnation claimHolder() {
        return claimedBy == null || claimedByStart == null ? null
                : new NodeIncarnation(new NodeName(claimedBy), claimedByStart);
    }

    public AcknowledgementKind ackKind() {
        return ackKind;
    }

    public String ackText() {
        return ackText;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public Instant failedAt() {
        return failedAt;
    }
}
