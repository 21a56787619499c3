package org.originhub.web.errors;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's one error body, {@code {"status":401,"code":"Unauthenticated","message":"..."}}. */
public final class ApiError {

    private ApiError() {
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
