package org.originhub.hub.exchange.entity;

/** What a payload is (envelope-v1.xsd DocumentType); the registry's permissions use the same names. */
public enum DocumentType {
    CERTIFICATE_OF_ORIGIN, BUSINESS_RESPONSE, VERIFICATION_REQUEST, VERIFICATION_RESPONSE
}
