package org.originhub.hub.exchange.boundary;

import jakarta.ejb.ApplicationException;
import java.util.Objects;
import org.originhub.hub.exchange.entity.Refusal;

/**
 * A request the exchange refuses, with a reason written for the member's integrator. The refusal's audit record is
 * written before this is thrown and commits with it (rollback = false); nothing else was written.
 */
@ApplicationException(rollback = false)
public class ExchangeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    public ExchangeRefusedException(Refusal refusal, String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public Refusal refusal() {
        return refusal;
    }
}
