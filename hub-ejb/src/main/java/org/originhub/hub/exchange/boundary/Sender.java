package org.originhub.hub.exchange.boundary;

import java.util.Objects;

/**
 * The verified sender of an exchange request, as the SOAP edge's security pipeline established it (never taken from
 * the message's own content).
 *
 * @param memberCode the member state of the signing gateway
 * @param gatewayId the signing gateway
 * @param certificateFingerprint SHA-256 (lowercase hex) of the signing certificate, recorded with the message
 */
public record Sender(String memberCode, long gatewayId, String certificateFingerprint) {

    public Sender {
        Objects.requireNonNull(memberCode, "memberCode");
        Objects.requireNonNull(certificateFingerprint, "certificateFingerprint");
    }
}
