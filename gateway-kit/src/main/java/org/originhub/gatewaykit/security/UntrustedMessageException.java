package org.originhub.gatewaykit.security;

/**
 * A message that arrived but cannot be trusted: not signed, signed by a certificate that is not pinned, signature or
 * timestamp invalid, Body or Timestamp not covered, or an algorithm outside the profile. What it said must not be
 * acted on.
 */
public class UntrustedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UntrustedMessageException(String message) {
        super(message);
    }

    public UntrustedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
