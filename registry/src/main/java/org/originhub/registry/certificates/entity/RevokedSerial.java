package org.originhub.registry.certificates.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A certificate serial number revoked by a CRL of an anchor: the lookup the certificate policy uses. */
@Entity
@Table(name = "revoked_serial")
@IdClass(RevokedSerial.Key.class)
@NamedQuery(name = RevokedSerial.OF_ACTIVE_ANCHORS, query = "SELECT r FROM RevokedSerial r WHERE r.anchorId IN "
        + "(SELECT a.id FROM TrustAnchor a WHERE a.status = org.originhub.registry.certificates.entity.AnchorStatus.ACTIVE)")
public class RevokedSerial {

    public static final String OF_ACTIVE_ANCHORS = "RevokedSerial.ofActiveAnchors";

    @Id
    @Column(name = "anchor_id")
    private Long anchorId;

    @Id
    @Column(name = "serial_number", length = 80)
    private String serialNumber;

    @Column(name = "revoked_at", nullable = false)
    private Instant revokedAt;

    @Column(name = "reason", length = 40)
    private String reason;

    @Column(name = "revocation_list_id", nullable = false)
    private Long revocationListId;

    protected RevokedSerial() {
    }

    public RevokedSerial(Long anchorId, String serialNumber, Instant revokedAt, String reason, Long listId) {
        this.anchorId = anchorId;
        this.serialNumber = serialNumber;
        this.revokedAt = revokedAt;
        this.reason = reason;
        this.revocationListId = listId;
    }

    public Long anchorId() {
        return anchorId;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String reason() {
        return reason;
    }

    /** Composite key: anchor and serial. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private Long anchorId;
        private String serialNumber;

        public Key() {
        }

        public Key(Long anchorId, String serialNumber) {
            this.anchorId = anchorId;
            this.serialNumber = serialNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.anchorId, anchorId)
                    && Objects.equals(k.serialNumber, serialNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(anchorId, serialNumber);
        }
    }
}
