package org.originhub.db.embedded;

/** The embedded database could not be started or stopped. */
public class EmbeddedDatabaseException extends RuntimeException {
    public EmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
