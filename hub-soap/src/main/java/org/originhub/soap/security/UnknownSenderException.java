package org.originhub.soap.security;

/** The signer's certificate does not chain to a community trust anchor, or is registered for no gateway. */
public class UnknownSenderException extends MessageRejectedException {

    private static final long serialVersionUID = 1L;

    public UnknownSenderException(FaultCode faultCode) {
        super(faultCode, FaultCode.UNKNOWN_SENDER);
    }
}
