package org.originhub.registry.errors;

/** The operation contradicts the current state: a duplicate, or a transition its life cycle forbids (HTTP 409). */
public class ConflictException extends RegistryException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
