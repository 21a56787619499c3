package org.originhub.gatewaykit.client;

/**
 * No SOAP answer came back: connection refused, timeout, TLS failure, or an HTTP error without a SOAP envelope (a
 * wrong URL, a proxy in the way). Nothing is known about whether the hub processed the request; resending a
 * submission with the same SenderMessageId is safe (the hub answers Duplicate with the first tracking number).
 */
public class HubUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HubUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
