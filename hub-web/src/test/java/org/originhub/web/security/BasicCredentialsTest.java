package org.originhub.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void readsUsernameAndPasswordWhichMayContainColonsAndNonAsciiCharacters() {
        assertThat(BasicCredentials.parse("Basic " + encode("alice:pa:ss wörd")))
                .contains(new BasicCredentials("alice", "pa:ss wörd"));
        assertThat(BasicCredentials.parse("basic " + encode("alice:secret"))).isPresent();
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("")).isEmpty();
        assertThat(BasicCredentials.parse("Bearer abc.def.ghi")).isEmpty();
        assertThat(BasicCredentials.parse("Basic not base64!")).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode("no colon"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode(":no username"))).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + encode("alice:" + "x".repeat(3000)))).isEmpty();
    }

    @Test
    void thePasswordStaysOutOfToString() {
        assertThat(BasicCredentials.parse("Basic " + encode("alice:secret")).orElseThrow().toString())
                .doesNotContain("secret");
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
