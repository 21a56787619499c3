package org.originhub.registry.requests.entity;

/** Where a request came from: the admin REST API, the console, or a gateway over SOAP. */
public enum SubmissionChannel {
    API, CONSOLE, SOAP
}
