package org.originhub.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every POST and PUT of the REST API declares {@code @Consumes} (on the method or its class) with types no HTML form
 * can send, the body-less ones included: JAX-RS then refuses a {@code text/plain} or form-encoded request with 415, so
 * a cross-site form cannot trigger an operation where a browser holds Basic credentials (issue 13).
 */
class ApiContentTypesTest {

    /** What an HTML form (or a "simple" cross-site request) can send: any type, text, form encodings. */
    private static boolean aFormCanSendIt(String type) {
        String t = type.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("*") || t.startsWith("text/") || t.startsWith(MediaType.APPLICATION_FORM_URLENCODED)
                || t.startsWith(MediaType.MULTIPART_FORM_DATA);
    }

    @Test
    void everyPostAndPutConsumesATypeNoFormCanSend() {
        List<String> open = new ArrayList<>();
        int checked = 0;
        for (ApiRoutes.Route route : ApiRoutes.all()) {
            if (!route.httpMethod().equals("POST") && !route.httpMethod().equals("PUT")) {
                continue;
            }
            checked++;
            Consumes consumes = route.method().getAnnotation(Consumes.class);
            if (consumes == null) {
                consumes = route.method().getDeclaringClass().getAnnotation(Consumes.class);
            }
            if (consumes == null || List.of(consumes.value()).stream().anyMatch(ApiContentTypesTest::aFormCanSendIt)) {
                open.add(route.toString());
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(open).as("POST/PUT operations that accept other content types").isEmpty();
    }
}
