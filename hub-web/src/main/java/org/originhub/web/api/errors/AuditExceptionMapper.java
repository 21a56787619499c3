package org.originhub.web.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.boundary.InvalidAuditQueryException;
import org.originhub.web.errors.ApiError;

/** Audit log refusals: another member state's records are 403, a query the hub cannot run is 400. */
public final class AuditExceptionMapper {

    private AuditExceptionMapper() {
    }

    @Provider
    public static class Refused implements ExceptionMapper<AuditAccessRefusedException> {

        @Override
        public Response toResponse(AuditAccessRefusedException e) {
            return ApiError.response(Response.Status.FORBIDDEN, "Forbidden", e.getMessage());
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidAuditQueryException> {

        @Override
        public Response toResponse(InvalidAuditQueryException e) {
            return ApiError.response(Response.Status.BAD_REQUEST, "InvalidQuery", e.getMessage());
        }
    }
}
