package org.originhub.registry.errors;

/** A registry operation that could not be carried out; the message says why, in words a secretariat officer reads. */
public abstract class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected RegistryException(String message) {
        super(message);
    }

    protected RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable, machine-readable code for API clients (for example {@code UnknownGateway}). */
    public abstract String code();
}
