package org.originhub.registry.certificates.control;

import java.util.Objects;

/** A CRL was not imported: {@link #refusal()} says which rule, {@link #getMessage()} says exactly why. */
public class CrlRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final CrlRefusal refusal;

    public CrlRejectedException(CrlRefusal refusal, String message) {
        super(message);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public CrlRefusal refusal() {
        return refusal;
    }
}
