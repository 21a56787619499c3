package org.originhub.web.edge;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * The request as the servlets see it: the hub's public scheme, host and port instead of the caller's {@code Host}
 * header (CXF builds the WSDL's {@code soap:address} and schema locations from {@link #getRequestURL()}), the client's
 * address, and, once {@link HttpEdge} has read it, the body from memory.
 */
final class EdgeRequest extends HttpServletRequestWrapper {

    private final String scheme;
    private final String host;
    private final int port;
    private final String client;
    private final byte[] body;

    EdgeRequest(HttpServletRequest request, EdgeSettings settings, byte[] body) {
        super(request);
        this.client = ClientAddress.of(request, settings.trustedProxies());
        this.body = body;
        if (settings.publicUrl().isPresent()) {
            URI url = settings.publicUrl().get();
            scheme = url.getScheme().toLowerCase(Locale.ROOT);
            host = url.getHost();
            port = url.getPort() > 0 ? url.getPort() : defaultPort(scheme);
        } else if (ClientAddress.fromTrustedProxy(request, settings.trustedProxies())
                && request.getHeader("X-Forwarded-Host") != null) {
            scheme = "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")) ? "https" : "http";
            URI forwarded = URI.create(scheme + "://" + request.getHeader("X-Forwarded-Host").split(",")[0].strip());
            host = forwarded.getHost() == null ? request.getLocalAddr() : forwarded.getHost();
            port = forwarded.getPort() > 0 ? forwarded.getPort() : defaultPort(scheme);
        } else {
            // No public address configured: the listener's own address, never what the caller claims.
            scheme = request.getScheme();
            String local = request.getLocalAddr();
            host = local.contains(":") ? "[" + local + "]" : local;
            port = request.getLocalPort();
        }
    }

    /** {@code scheme://host[:port]}, without a trailing slash. */
    String origin() {
        return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    @Override
    public boolean isSecure() {
        return "https".equals(scheme) || super.isSecure();
    }

    @Override
    public String getServerName() {
        return host;
    }

    @Override
    public int getServerPort() {
        return port;
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer(origin()).append(getRequestURI());
    }

    @Override
    public String getHeader(String name) {
        return "host".equalsIgnoreCase(name) ? hostHeader() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return "host".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(hostHeader()))
                : super.getHeaders(name);
    }

    @Override
    public String getRemoteAddr() {
        return client;
    }

    @Override
    public String getRemoteHost() {
        return client;
    }

    @Override
    public int getContentLength() {
        return body == null ? super.getContentLength() : body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body == null ? super.getContentLengthLong() : body.length;
    }

    @Override
    public ServletInputStream getInputStream() throws java.io.IOException {
        return body == null ? super.getInputStream() : new BufferedBody(body);
    }

    @Override
    public BufferedReader getReader() throws java.io.IOException {
        if (body == null) {
            return super.getReader();
        }
        String encoding = getCharacterEncoding();
        Charset charset;
        try {
            charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEncodingException(encoding);
        }
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    private String hostHeader() {
        return host + (port == defaultPort(scheme) ? "" : ":" + port);
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** The body {@link HttpEdge} read, served from memory: always ready, never blocks. */
    private static final class BufferedBody extends ServletInputStream {

        private final ByteArrayInputStream in;

        BufferedBody(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public int available() {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (java.io.IOException e) {
                listener.onError(e);
            }
        }
    }
}
