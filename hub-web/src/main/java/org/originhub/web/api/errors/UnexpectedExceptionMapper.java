package org.originhub.web.api.errors;

import org.originhub.web.errors.ApiError;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.originhub.hub.configuration.control.DatabaseFailures;

/**
 * Everything not mapped elsewhere: JAX-RS's own errors keep their status with a JSON body; a database that cannot
 * serve the request now (down, a Galera node failing over: {@link DatabaseFailures}) is a 503 the caller retries;
 * anything else is a 500 whose body carries only a reference id, logged with the real exception.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (unconvertibleQueryParameter(e)) {
            return ApiError.response(400, "BAD_REQUEST", "A query parameter is not in the expected format: limit, "
                    + "after and other counts and positions are whole numbers");
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() == 413
                && web.getResponse().hasEntity()) {
            // RequestBodyLimit's refusal, already in the API's error format.
            return web.getResponse();
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String code = Response.Status.fromStatusCode(status) == null ? "HttpError"
                    : Response.Status.fromStatusCode(status).name();
            return ApiError.response(status, code, status == 400 || status == 415 || status == 406
                    ? "The request is malformed or not in the expected format (JSON for documents, PEM or DER "
                            + "for certificates)"
                    : Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                            : Response.Status.fromStatusCode(status).getReasonPhrase());
        }
        if (e instanceof jakarta.json.bind.JsonbException || e instanceof jakarta.ws.rs.ProcessingException
                || e instanceof jakarta.json.JsonException) {
            return ApiError.response(400, "MalformedRequest", "The request body is not valid JSON for this operation");
        }
        return unexpected(e);
    }

    /**
     * Jersey reports a query parameter it cannot convert (a {@code limit} of "abc") as 404, as JAX-RS prescribes for
     * parameters of the resource's address; for a query parameter the caller sent a bad request, not a bad address.
     */
    static boolean unconvertibleQueryParameter(Throwable e) {
        return e.getClass().getName().equals("org.glassfish.jersey.server.ParamException$QueryParamException");
    }

    static Response unexpected(Throwable e) {
        if (DatabaseFailures.unavailable(e)) {
            LOG.warning(() -> "API request refused with 503, the database cannot serve it now: " + rootOf(e));
            return ApiError.unavailable();
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected API failure, reference " + reference, e);
        return ApiError.response(500, "InternalError", "The hub could not complete the request; reference "
                + reference);
    }

    private static String rootOf(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
