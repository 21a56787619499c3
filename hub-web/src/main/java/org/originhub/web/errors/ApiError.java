package org.originhub.web.errors;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's one error body, {@code {"status":401,"code":"Unauthenticated","message":"..."}}. */
public final class ApiError {

    /** Seconds a caller is asked to wait ({@code Retry-After}) while the database cannot serve requests. */
    public static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
    public static final String UNAVAILABLE_CODE = "ServiceUnavailable";
    /**
     * The answer while the database cannot serve requests (down, or a database node failing over): retryable. A
     * change whose commit was cut off may have taken effect, hence the advice to look before repeating it.
     */
    public static final String UNAVAILABLE_MESSAGE = "The hub's database is not available at the moment (down, or a "
            + "database node failing over). Retry in a few seconds; if the request changed something, check first "
            + "whether it took effect.";

    private ApiError() {
    }

    /** 503 with {@link #UNAVAILABLE_MESSAGE} and {@code Retry-After}. */
    public static Response unavailable() {
        return Response.fromResponse(response(503, UNAVAILABLE_CODE, UNAVAILABLE_MESSAGE))
                .header("Retry-After", Integer.toString(UNAVAILABLE_RETRY_AFTER_SECONDS)).build();
    }

    public static String json(int status, String code, String message) {
        return Json.createObjectBuilder().add("status", status).add("code", code).add("message", message).build()
                .toString();
    }

    public static Response response(Response.Status status, String code, String message) {
        return response(status.getStatusCode(), code, message);
    }

    /** For statuses that {@link Response.Status} does not name, such as 422. */
    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json(status, code, message))
                .build();
    }
}
