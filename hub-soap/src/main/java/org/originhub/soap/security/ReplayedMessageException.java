package org.originhub.soap.security;

/** A correctly signed message whose signature the hub has already accepted once (any node). */
public class ReplayedMessageException extends MessageRejectedException {

    private static final long serialVersionUID = 1L;

    public ReplayedMessageException() {
        super(FaultCode.REPLAY, FaultCode.REPLAY_CODE);
    }
}
