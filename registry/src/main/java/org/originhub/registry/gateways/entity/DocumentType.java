package org.originhub.registry.gateways.entity;

/**
 * The document types the hub carries (envelope-v1.xsd DocumentType): a gateway's permissions are per type (SEND:type,
 * RECEIVE:type), and the exchange routes and stores every document by it. A CO document also has a function (new,
 * replace, cancel) on top of its type.
 */
public enum DocumentType {
    CERTIFICATE_OF_ORIGIN, BUSINESS_RESPONSE, VERIFICATION_REQUEST, VERIFICATION_RESPONSE
}
