package org.originhub.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every response of the edge names the node that answered ({@code Origin-Hub-Node}): a request passed on to its
 * servlet, and a request the edge refuses itself, whose refusal resets the response first.
 */
class NodeHeaderTest {

    private final HttpEdge edge = new HttpEdge();
    private final FakeResponse response = new FakeResponse();

    NodeHeaderTest() {
        edge.configure(new EdgeSettings(Optional.empty(), Set.of(), 1000, 1000, Duration.ofSeconds(30), 1000),
                "node-2");
    }

    @Test
    void aRequestPassedOnIsAnsweredWithTheNodeName() throws Exception {
        AtomicInteger passed = new AtomicInteger();
        FilterChain chain = (req, res) -> {
            passed.incrementAndGet();
            ((HttpServletResponse) res).setStatus(200);
        };

        edge.doFilter(request("/health/ready", -1), response.proxy(), chain);

        assertThat(passed).hasValue(1);
        assertThat(response.headers).containsEntry("Origin-Hub-Node", "node-2");
    }

    @Test
    void aRefusalOfTheEdgeIsAnsweredWithTheNodeNameToo() throws Exception {
        response.headers.put("X-Set-Before", "gone after the reset");

        edge.doFilter(request("/services/exchange", 5000), response.proxy(), (req, res) -> {
            throw new AssertionError("a body over the limit never reaches the SOAP services");
        });

        assertThat(response.status).as("a SOAP fault").isEqualTo(500);
        assertThat(response.body.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("TooLarge");
        assertThat(response.headers).containsEntry("Origin-Hub-Node", "node-2").doesNotContainKey("X-Set-Before");
    }

    private static HttpServletRequest request(String path, long contentLength) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getDispatcherType", DispatcherType.REQUEST);
        answers.put("getServletPath", path);
        answers.put("getContentLengthLong", contentLength);
        answers.put("getMethod", contentLength > 0 ? "POST" : "GET");
        answers.put("getRemoteAddr", "127.0.0.1");
        answers.put("getLocalAddr", "127.0.0.1");
        answers.put("getLocalPort", 8080);
        answers.put("getScheme", "http");
        answers.put("isAsyncSupported", false);
        return (HttpServletRequest) Proxy.newProxyInstance(NodeHeaderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> answers.get(method.getName()));
    }

    /** A response that keeps its status, headers and body in memory; reset() clears headers and status. */
    static final class FakeResponse {
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 200;

        HttpServletResponse proxy() {
            return (HttpServletResponse) Proxy.newProxyInstance(NodeHeaderTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "getHeader" -> {
                                return headers.get((String) args[0]);
                            }
                            case "setStatus" -> status = (Integer) args[0];
                            case "reset" -> {
                                headers.clear();
                                status = 200;
                            }
                            case "isCommitted" -> {
                                return false;
                            }
                            case "getOutputStream" -> {
                                return new ServletOutputStream() {
                                    @Override
                                    public boolean isReady() {
                                        return true;
                                    }

                                    @Override
                                    public void setWriteListener(WriteListener listener) {
                                    }

                                    @Override
                                    public void write(int b) {
                                        body.write(b);
                                    }
                                };
                            }
                            default -> {
                                return null;
                            }
                        }
                        return null;
                    });
        }
    }
}
