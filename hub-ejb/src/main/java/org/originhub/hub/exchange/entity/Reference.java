package org.originhub.hub.exchange.entity;

/** An earlier document an envelope refers to: exactly one of a hub tracking number or the issuer's CO number. */
public record Reference(String trackingNumber, String issuerCoNumber) {

    public static Reference tracking(String trackingNumber) {
        return new Reference(trackingNumber, null);
    }

    public static Reference coNumber(String issuerCoNumber) {
        return new Reference(null, issuerCoNumber);
    }
}
