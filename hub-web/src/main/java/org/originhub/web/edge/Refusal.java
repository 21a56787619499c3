package org.originhub.web.edge;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.originhub.web.errors.ApiError;

/**
 * What the edge answers when it refuses a request before any servlet sees it: on {@code /services} a SOAP 1.1 fault
 * with one of the hub's documented codes (the same codes and namespace as the SOAP edge's own faults, see
 * docs/soap-faults in hub-soap's FaultCode), on {@code /api} the API's JSON error, elsewhere plain text. The
 * connection is closed after the answer, so the container does not read what is left of the body.
 */
enum Refusal {

    TOO_LARGE(413, "TooLarge", "Payload Too Large",
            "The request is larger than the hub accepts (HUB_MAX_MESSAGE_BYTES, 10 MiB unless the secretariat set "
            + "another limit). Send smaller documents; the limit is shown by GetHubInfo.",
            "The request body is larger than the API accepts (HUB_API_MAX_BODY_BYTES, 1 MiB unless the secretariat "
            + "set another limit)."),
    BODY_TIMEOUT(408, "InvalidRequest", "Request Timeout",
            "The request body did not arrive in time (HUB_REQUEST_BODY_TIMEOUT). Send the whole request at once.",
            "The request body did not arrive in time (HUB_REQUEST_BODY_TIMEOUT). Send the whole request at once."),
    BAD_CONTENT_TYPE(400, "InvalidRequest", "Bad Request", null, null),
    BUSY(503, "ServiceUnavailable", "Service Unavailable",
            "The hub cannot take the request now. Nothing was stored. Retry later with a newly signed message.",
            "The hub is reading as many form posts as it reads at once. Try again in a moment.");

    private final int status;
    private final String soapCode;
    private final String apiCode;
    private final String soapReason;
    private final String apiReason;

    Refusal(int status, String soapCode, String apiCode, String soapReason, String apiReason) {
        this.status = status;
        this.soapCode = soapCode;
        this.apiCode = apiCode;
        this.soapReason = soapReason;
        this.apiReason = apiReason;
    }

    String soapCode() {
        return soapCode;
    }

    void send(HttpServletResponse response, String path) throws IOException {
        send(response, path, null);
    }

    /** Answers with this refusal; {@code reason} replaces the default text (for {@link #BAD_CONTENT_TYPE}). */
    void send(HttpServletResponse response, String path, String reason) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setHeader("Connection", "close");
        byte[] body;
        if (this == BUSY) {
            response.setHeader("Retry-After", "5");
        }
        if (EdgeSettings.under(path, "/services")) {
            // SOAP 1.1 sends every fault with status 500 (WS-I Basic Profile R1126).
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.setContentType("text/xml; charset=UTF-8");
            body = soapFault(soapCode, reason != null ? reason : soapReason).getBytes(StandardCharsets.UTF_8);
        } else if (EdgeSettings.under(path, "/api")) {
            response.setStatus(status);
            response.setContentType("application/json; charset=UTF-8");
            body = ApiError.json(status, apiCode.replace(" ", ""), reason != null ? reason : apiReason)
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            response.setStatus(status);
            response.setContentType("text/plain; charset=UTF-8");
            body = ((reason != null ? reason : apiReason) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
    }

    static String soapFault(String code, String reason) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode xmlns:hub=\"urn:originhub:faults:v1\">hub:" + code + "</faultcode><faultstring>"
                + escape(reason) + "</faultstring></soap:Fault></soap:Body></soap:Envelope>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
