package org.originhub.gatewaykit.client;

import java.util.Objects;

/**
 * An earlier document an envelope refers to: by the hub's tracking number or by the issuer's CO number.
 *
 * @param kind which of the two
 * @param value the tracking number or CO number
 */
public record Reference(Kind kind, String value) {

    public enum Kind { TRACKING_NUMBER, ISSUER_CO_NUMBER }

    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Reference trackingNumber(String trackingNumber) {
        return new Reference(Kind.TRACKING_NUMBER, trackingNumber);
    }

    public static Reference coNumber(String issuerCoNumber) {
        return new Reference(Kind.ISSUER_CO_NUMBER, issuerCoNumber);
    }

    @Override
    public String toString() {
        return (kind == Kind.TRACKING_NUMBER ? "tracking " : "CO ") + value;
    }
}
