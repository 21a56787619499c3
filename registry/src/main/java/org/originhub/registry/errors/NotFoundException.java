package org.originhub.registry.errors;

/** The object named does not exist (HTTP 404). */
public class NotFoundException extends RegistryException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public NotFoundException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
