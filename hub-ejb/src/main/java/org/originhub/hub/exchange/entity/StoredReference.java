package org.originhub.hub.exchange.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One Reference of a stored envelope: exactly one of a hub tracking number or the issuer's CO number. */
@Embeddable
public class StoredReference {

    @Column(name = "tracking_number", length = 64)
    private String trackingNumber;

    @Column(name = "co_number", length = 35)
    private String coNumber;

    protected StoredReference() {
    }

    public StoredReference(String trackingNumber, String coNumber) {
        if ((trackingNumber == null) == (coNumber == null)) {
            throw new IllegalArgumentException("a reference is a tracking number or a CO number, exactly one");
        }
        this.trackingNumber = trackingNumber;
        this.coNumber = coNumber;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public String coNumber() {
        return coNumber;
    }
}
