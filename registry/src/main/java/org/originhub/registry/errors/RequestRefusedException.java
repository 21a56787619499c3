package org.originhub.registry.errors;

import jakarta.ejb.ApplicationException;

/**
 * A request the registry refuses for a reason that must stay on record (for example a gateway registration without a
 * valid onboarding code). The refusal is audited in the same transaction, which therefore commits: whoever throws
 * this has changed nothing else.
 */
@ApplicationException(rollback = false, inherited = true)
public class RequestRefusedException extends RegistryException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public RequestRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
