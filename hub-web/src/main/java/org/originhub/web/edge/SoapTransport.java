package org.originhub.web.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Transport-level checks of a request to {@code /services}, made before CXF sees it: CXF and the container answer
 * these with an internal error, an HTML page or a stack trace in the log, where the caller is at fault and should be
 * told what to fix ({@code InvalidRequest}).
 */
final class SoapTransport {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.xsd");

    private SoapTransport() {
    }

    /** What is wrong with the request's transport, or empty when CXF may have it. */
    static Optional<String> problem(HttpServletRequest request) {
        if ("GET".equals(request.getMethod())) {
            return schemaProblem(request.getQueryString());
        }
        String contentType = request.getContentType();
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        String boundary = null;
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = parts[i].substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = unquote(parts[i].substring(equals + 1).strip());
            if (name.equals("charset") && !supported(value)) {
                return Optional.of("The charset '" + printable(value) + "' of the Content-Type is not supported. "
                        + "Send the request as text/xml; charset=UTF-8.");
            }
            if (name.equals("boundary")) {
                boundary = value;
            }
        }
        if (mediaType.startsWith("multipart/") && (boundary == null || boundary.isEmpty())) {
            return Optional.of("The Content-Type " + printable(mediaType) + " has no boundary parameter, so its "
                    + "parts cannot be found. Send the request as text/xml; charset=UTF-8.");
        }
        return Optional.empty();
    }

    /** {@code ?xsd=NAME} must name one of the schemas the services publish (CXF fails on any other name). */
    private static Optional<String> schemaProblem(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String parameter : query.split("&")) {
            if (!parameter.toLowerCase(Locale.ROOT).startsWith("xsd=")) {
                continue;
            }
            String name = java.net.URLDecoder.decode(parameter.substring(4), java.nio.charset.StandardCharsets.UTF_8);
            if (!SCHEMA_NAME.matcher(name).matches()
                    || SoapTransport.class.getClassLoader().getResource("wsdl/" + name) == null) {
                return Optional.of("There is no schema named '" + printable(name) + "'. The schemas are those the "
                        + "service's WSDL (?wsdl) imports.");
            }
        }
        return Optional.empty();
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String printable(String text) {
        String shortened = text.length() > 64 ? text.substring(0, 64) : text;
        return shortened.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
