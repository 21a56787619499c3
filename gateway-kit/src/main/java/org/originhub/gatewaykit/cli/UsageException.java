package org.originhub.gatewaykit.cli;

/** The command line is incomplete or wrong (exit code 2): the message says what to change. */
class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
