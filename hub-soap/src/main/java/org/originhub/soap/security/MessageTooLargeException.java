package org.originhub.soap.security;

/** The request is larger than the hub's configured limit: refused before it is parsed to the end. */
final class MessageTooLargeException extends MessageRejectedException {

    private static final long serialVersionUID = 1L;

    MessageTooLargeException() {
        super(FaultCode.TOO_LARGE, FaultCode.TOO_LARGE_CODE);
    }
}
