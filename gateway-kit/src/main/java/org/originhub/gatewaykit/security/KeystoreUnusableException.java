package org.originhub.gatewaykit.security;

/** The gateway's keystore cannot be used to sign: unreadable, wrong password, no suitable key. */
public class KeystoreUnusableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeystoreUnusableException(String message) {
        super(message);
    }

    public KeystoreUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
