package org.originhub.web.console;

/** The caller's role may not take this console action; shown as a message, never carried out. */
public class ConsoleForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsoleForbiddenException(String message) {
        super(message);
    }
}
