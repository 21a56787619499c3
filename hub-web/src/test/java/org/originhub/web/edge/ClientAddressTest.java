package org.originhub.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final Set<String> PROXIES = Set.of("10.0.0.2", "10.0.0.3");

    @Test
    void theTcpPeerUnlessItIsATrustedProxy() {
        assertThat(ClientAddress.of("203.0.113.9", "198.51.100.1", PROXIES)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("203.0.113.9", null, PROXIES)).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedHopWhateverTheClientWroteOnTheLeft() {
        assertThat(ClientAddress.of("10.0.0.2", "198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3", PROXIES))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void ipv6InBracketsIsTheSameAddress() {
        assertThat(ClientAddress.of("0:0:0:0:0:0:0:1", null, Set.of())).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ClientAddress.of("::1", null, Set.of())).isEqualTo(ClientAddress.of("0:0:0:0:0:0:0:1", null,
                Set.of()));
        assertThat(ClientAddress.of("0:0:0:0:0:0:0:1", "198.51.100.1", Set.of(ClientAddress.normal("::1"))))
                .as("a proxy listed as ::1").isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.2", "[2001:db8::1]", PROXIES)).isEqualTo("2001:db8:0:0:0:0:0:1");
    }
}
