package org.originhub.registry.errors;

/** The input itself is wrong: a malformed code, a missing field, an unacceptable certificate (HTTP 400 / 422). */
public class InvalidInputException extends RegistryException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public InvalidInputException(String code, String message) {
        super(message);
        this.code = code;
    }

    public InvalidInputException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
