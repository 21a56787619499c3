package org.originhub.gatewaykit.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A recording HTTP proxy on loopback: forwards each POST to the target and keeps both messages' exact bytes. */
public final class WireTap implements AutoCloseable {

    /**
     * One request and its answer, as they crossed the wire; {@code upgrade} is the request's {@code Upgrade} header
     * (a protocol switch the client offered), null without one.
     */
    public record Exchange(String path, String upgrade, byte[] request, int status, byte[] response) {
    }

    public final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    public WireTap(String target) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", http -> {
            try (http) {
                byte[] request = http.getRequestBody().readAllBytes();
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + http.getRequestURI()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request));
                String type = http.getRequestHeaders().getFirst("Content-Type");
                String action = http.getRequestHeaders().getFirst("SOAPAction");
                if (type != null) {
                    forward.header("Content-Type", type);
                }
                if (action != null) {
                    forward.header("SOAPAction", action);
                }
                HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                exchanges.add(new Exchange(http.getRequestURI().getPath(),
                        http.getRequestHeaders().getFirst("Upgrade"), request, answer.statusCode(),
                        answer.body()));
                http.getResponseHeaders().add("Content-Type",
                        answer.headers().firstValue("Content-Type").orElse("text/xml"));
                http.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = http.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
