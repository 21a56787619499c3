package org.originhub.registry.requests.entity;

/** What a registration request asks for. */
public enum RequestKind {
    GATEWAY_REGISTRATION, CERTIFICATE_REGISTRATION, CERTIFICATE_ROTATION, ENDPOINT_CHANGE
}
