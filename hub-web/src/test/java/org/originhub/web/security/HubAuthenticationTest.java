package org.originhub.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Which requests the mechanism takes on; the rest of its behaviour is tested on the server (HubSystemIT). */
class HubAuthenticationTest {

    @Test
    void onlyTheApiNeedsAHubUser() {
        assertThat(HubAuthentication.isApi(request("/api", "/me"))).isTrue();
        assertThat(HubAuthentication.isApi(request("/api", null))).isTrue();
        assertThat(HubAuthentication.isApi(request("/api/me", null))).isTrue();

        assertThat(HubAuthentication.isApi(request("/health", "/ready"))).isFalse();
        assertThat(HubAuthentication.isApi(request("/services", "/hub"))).isFalse();
        assertThat(HubAuthentication.isApi(request("/console", "/index.xhtml"))).isFalse();
        assertThat(HubAuthentication.isApi(request("/apix", null))).isFalse();
        assertThat(HubAuthentication.isApi(request("", "/index.html"))).isFalse();
    }

    @Test
    void theConsoleBranchTakesConsolePagesButNotTheirResources() {
        assertThat(HubAuthentication.isConsole(request("/console/dashboard.xhtml", null))).isTrue();
        assertThat(HubAuthentication.isConsole(request("/console", null))).isTrue();
        assertThat(HubAuthentication.isConsole(request("/console/", null))).isTrue();

        assertThat(HubAuthentication.isConsole(request("/jakarta.faces.resource/core.js.xhtml", null))).isFalse();
        assertThat(HubAuthentication.isConsole(request("/api", "/me"))).isFalse();
        assertThat(HubAuthentication.isConsole(request("/consoles.xhtml", null))).isFalse();
    }

    private static HttpServletRequest request(String servletPath, String pathInfo) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClassLoader getClassLoader() {
        return HubAuthenticationTest.class.getClassLoader();
    }
}
