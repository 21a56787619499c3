package org.originhub.soap.security;

import java.util.Objects;

/**
 * A request the hub refuses for a reason the sender can act on. {@link FaultMapper} turns it into the SOAP fault of
 * its {@link FaultCode}; nothing else of it (message, class, stack) reaches the caller. Rejections are expected
 * events, so they carry no stack trace.
 */
public abstract class MessageRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FaultCode faultCode;

    protected MessageRejectedException(FaultCode faultCode, String wireCode) {
        super(Objects.requireNonNull(faultCode).name(), null, false, false);
        if (!faultCode.code().equals(wireCode)) {
            throw new IllegalArgumentException(faultCode + " is not a " + wireCode + " fault");
        }
        this.faultCode = faultCode;
    }

    public FaultCode faultCode() {
        return faultCode;
    }
}
