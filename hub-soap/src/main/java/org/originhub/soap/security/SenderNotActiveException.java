package org.originhub.soap.security;

/** The signer is known but may not send now: certificate revoked, superseded, expired or not yet valid, gateway or member suspended or gone. */
public class SenderNotActiveException extends MessageRejectedException {

    private static final long serialVersionUID = 1L;

    public SenderNotActiveException(FaultCode faultCode) {
        super(faultCode, FaultCode.SENDER_NOT_ACTIVE);
    }
}
