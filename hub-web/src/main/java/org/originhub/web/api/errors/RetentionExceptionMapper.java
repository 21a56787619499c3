package org.originhub.web.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.originhub.hub.messagelog.boundary.PayloadPurgedException;
import org.originhub.hub.messagelog.boundary.UnknownMessageException;
import org.originhub.hub.retention.boundary.HoldAlreadyLiftedException;
import org.originhub.hub.retention.boundary.InvalidHoldException;
import org.originhub.hub.retention.boundary.UnknownHoldTargetException;
import org.originhub.web.errors.ApiError;

/**
 * The message log's and retention's refusals: an unknown (or not visible) exchange or CO is 404, a purged payload
 * 410 Gone (saying when and under which policy), an unknown hold target 404, an invalid hold 422, a hold lifted
 * already 409.
 */
public final class RetentionExceptionMapper {

    private RetentionExceptionMapper() {
    }

    @Provider
    public static class UnknownMessage implements ExceptionMapper<UnknownMessageException> {
        @Override
        public Response toResponse(UnknownMessageException e) {
            return ApiError.response(Response.Status.NOT_FOUND, "UnknownMessage", e.getMessage());
        }
    }

    @Provider
    public static class Purged implements ExceptionMapper<PayloadPurgedException> {
        @Override
        public Response toResponse(PayloadPurgedException e) {
            return ApiError.response(Response.Status.GONE, "PayloadPurged", e.getMessage());
        }
    }

    @Provider
    public static class UnknownTarget implements ExceptionMapper<UnknownHoldTargetException> {
        @Override
        public Response toResponse(UnknownHoldTargetException e) {
            return ApiError.response(Response.Status.NOT_FOUND, "NotFound", e.getMessage());
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidHoldException> {
        @Override
        public Response toResponse(InvalidHoldException e) {
            return ApiError.response(422, "InvalidHold", e.getMessage());
        }
    }

    @Provider
    public static class Lifted implements ExceptionMapper<HoldAlreadyLiftedException> {
        @Override
        public Response toResponse(HoldAlreadyLiftedException e) {
            return ApiError.response(Response.Status.CONFLICT, "AlreadyLifted", e.getMessage());
        }
    }
}
