package org.originhub.hub.exchange.entity;

/** The issuer's answer to a verification request (VERIFICATION_RESPONSE). */
public enum VerificationResult {
    CONFIRMED, NOT_CONFIRMED
}
