package org.originhub.web.api.errors;

import org.originhub.web.errors.ApiError;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.errors.RegistryException;
import org.originhub.registry.errors.RequestRefusedException;

/** Registry failures to HTTP statuses; the message is the registry's own, written for the caller. */
@Provider
public class RegistryExceptionMapper implements ExceptionMapper<RegistryException> {

    @Override
    public Response toResponse(RegistryException e) {
        return ApiError.response(status(e), e.code(), e.getMessage());
    }

    static int status(RegistryException e) {
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof RequestRefusedException) {
            return 403;
        }
        if (e instanceof InvalidInputException) {
            return 422;
        }
        return 400;
    }

    /** EJB wraps application exceptions that are not declared: unwrap to the registry's own. */
    @Provider
    public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {

        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCause();
            while (cause instanceof EJBException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RegistryException registry) {
                return new RegistryExceptionMapper().toResponse(registry);
            }
            return UnexpectedExceptionMapper.unexpected(e);
        }
    }
}
