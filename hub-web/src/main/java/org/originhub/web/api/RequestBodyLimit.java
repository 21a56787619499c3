package org.originhub.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.originhub.web.edge.EdgeSettings;
import org.originhub.web.errors.ApiError;

/**
 * The REST API's body limit ({@code HUB_API_MAX_BODY_BYTES}, 1 MiB) for every resource: the body is read into memory
 * up to the limit before any reader parses it, and a body that passes the limit is refused with 413 at that point,
 * without reading the rest. A declared {@code Content-Length} over the limit never gets here: the web edge refuses it
 * before the body is read at all.
 */
@Provider
public class RequestBodyLimit implements ReaderInterceptor {

    /** The same limit the web edge applies to a declared length ({@code EdgeSettings} reads and checks it). */
    private final long maxBytes = EdgeSettings.from(ConfigProvider.getConfig()).apiMaxBytes();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        InputStream in = context.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (body.size() + (long) n > maxBytes) {
                throw new WebApplicationException(ApiError.response(413, "PayloadTooLarge", "The request body is "
                        + "larger than the API accepts (HUB_API_MAX_BODY_BYTES, 1 MiB unless the secretariat set "
                        + "another limit)."));
            }
            body.write(chunk, 0, n);
        }
        context.setInputStream(new ByteArrayInputStream(body.toByteArray()));
        return context.proceed();
    }
}
