package org.originhub.hub.replay.control;

/** The replay guard's table could not be used; the caller must refuse the message (fail closed). */
public class ReplayLedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReplayLedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
