package org.originhub.registry.gateways.entity;

/**
 * The document types the hub carries (DOMAIN.md). A CO message has a function (new / replace / cancel) on top of its
 * type; permissions are per type.
 */
public enum DocumentType {
    CERTIFICATE_OF_ORIGIN, BUSINESS_RESPONSE, VERIFICATION_REQUEST, VERIFICATION_RESPONSE
}
