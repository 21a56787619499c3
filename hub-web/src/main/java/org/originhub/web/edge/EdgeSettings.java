package org.originhub.web.edge;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The edge's configuration, read once at start.
 *
 * @param publicUrl {@code HUB_PUBLIC_URL}: the scheme, host and port callers reach the hub at (WSDL addresses,
 *        redirects); empty to answer with relative redirects and the listener's own address
 * @param trustedProxies {@code HUB_TRUSTED_PROXIES}: addresses whose {@code X-Forwarded-For/-Proto/-Host} are believed
 * @param soapMaxBytes {@code HUB_MAX_MESSAGE_BYTES}, the SOAP services' limit (the security pipeline's, too)
 * @param apiMaxBytes {@code HUB_API_MAX_BODY_BYTES}: the largest REST request body
 * @param bodyTimeout {@code HUB_REQUEST_BODY_TIMEOUT}: how long a request body may take to arrive in full
 * @param bodyBufferBytes {@code HUB_REQUEST_BUFFER_BYTES}: the bytes of SOAP request bodies held in memory at once,
 *        over all requests ({@link BodyBudget})
 */
public record EdgeSettings(Optional<URI> publicUrl, Set<String> trustedProxies, long soapMaxBytes, long apiMaxBytes,
        Duration bodyTimeout, long bodyBufferBytes) {

    public static final long DEFAULT_SOAP_MAX_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_API_MAX_BYTES = 1024L * 1024;
    /** The console's forms, uploads included: the Faces servlet's multipart max-request-size (web.xml). */
    public static final long FORM_MAX_BYTES = 2L * 1024 * 1024;
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Six bodies of the default largest message at once (the heap also holds what the services make of them); at
     * least one of {@code HUB_MAX_MESSAGE_BYTES} when that is set higher.
     */
    public static final long DEFAULT_BODY_BUFFER_BYTES = 64L * 1024 * 1024;

    public EdgeSettings {
        publicUrl.ifPresent(EdgeSettings::requireOrigin);
        if (soapMaxBytes <= 0 || apiMaxBytes <= 0) {
            throw new IllegalArgumentException("HUB_MAX_MESSAGE_BYTES and HUB_API_MAX_BODY_BYTES must be positive");
        }
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("HUB_REQUEST_BODY_TIMEOUT must be positive, not " + bodyTimeout);
        }
        if (bodyBufferBytes < soapMaxBytes) {
            throw new IllegalArgumentException("HUB_REQUEST_BUFFER_BYTES (" + bodyBufferBytes + ") must hold at least "
                    + "one message of HUB_MAX_MESSAGE_BYTES (" + soapMaxBytes + ")");
        }
        trustedProxies = Set.copyOf(trustedProxies);
    }

    public static EdgeSettings from(Config config) {
        long soapMaxBytes = config.getOptionalValue("HUB_MAX_MESSAGE_BYTES", Long.class).orElse(DEFAULT_SOAP_MAX_BYTES);
        return new EdgeSettings(
                config.getOptionalValue("HUB_PUBLIC_URL", String.class).filter(s -> !s.isBlank())
                        .map(s -> URI.create(s.strip())),
                config.getOptionalValue("HUB_TRUSTED_PROXIES", String.class).map(EdgeSettings::addresses)
                        .orElse(Set.of()),
                soapMaxBytes,
                config.getOptionalValue("HUB_API_MAX_BODY_BYTES", Long.class).orElse(DEFAULT_API_MAX_BYTES),
                config.getOptionalValue("HUB_REQUEST_BODY_TIMEOUT", String.class).map(Duration::parse)
                        .orElse(DEFAULT_BODY_TIMEOUT),
                config.getOptionalValue("HUB_REQUEST_BUFFER_BYTES", Long.class)
                        .orElse(Math.max(DEFAULT_BODY_BUFFER_BYTES, soapMaxBytes)));
    }

    /** The largest body accepted on {@code path} (the servlet path and path info, as the container decoded them). */
    public long maxBodyBytes(String path) {
        if (under(path, "/services")) {
            return soapMaxBytes;
        }
        if (under(path, "/api")) {
            return apiMaxBytes;
        }
        return FORM_MAX_BYTES;
    }

    static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static Set<String> addresses(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(ClientAddress::normal).collect(Collectors.toUnmodifiableSet());
    }

    private static void requireOrigin(URI url) {
        if (url.getScheme() == null || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("HUB_PUBLIC_URL must be an http or https URL such as "
                    + "https://hub.example.org, not " + url);
        }
    }
}
