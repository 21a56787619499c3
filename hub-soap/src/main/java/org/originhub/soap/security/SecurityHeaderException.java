package org.originhub.soap.security;

/** The WS-Security header is missing, malformed, outside the hub's profile (algorithms, coverage, timestamp) or its signature does not verify. */
public class SecurityHeaderException extends MessageRejectedException {

    private static final long serialVersionUID = 1L;

    public SecurityHeaderException(FaultCode faultCode) {
        super(faultCode, FaultCode.SECURITY_ERROR);
    }
}
