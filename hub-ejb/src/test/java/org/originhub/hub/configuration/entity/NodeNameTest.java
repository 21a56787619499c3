package org.originhub.hub.configuration.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.originhub.hub.configuration.control.NodeIdentity;

/** The node names the hub publishes (header, GetHubInfo, claims) and the starts that carry them. */
class NodeNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"node-1", "node-2", "hub-a.example", "N5", "a", "abcdefghijklmnopqrstuvwxyz012345"})
    void shortTokensAreNames(String name) {
        assertThat(NodeName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-node", ".node", "node 1", "node_1", "node/1", "node%1", "node:1",
        "node-1\r\nSet-Cookie: x=1", "nöde", "abcdefghijklmnopqrstuvwxyz0123456", "<script>"})
    void anythingElseIsRefusedNamingTheRule(String name) {
        assertThatThrownBy(() -> NodeName.of(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits, dots and dashes").hasMessageNotContaining("\n");
    }

    @Test
    void theConfiguredNameIsTrimmed() {
        assertThat(NodeName.of(" node-3\n").value()).isEqualTo("node-3");
    }

    @Test
    void withoutANameTheProcessIsDigestedAndNeverShown() {
        NodeName digest = NodeName.digestOf("4711@hub-host-1");

        assertThat(digest.value()).matches("node-[0-9a-f]{12}").doesNotContain("4711").doesNotContain("hub-host");
        assertThat(NodeName.digestOf("4711@hub-host-1")).isEqualTo(digest);
        assertThat(NodeName.digestOf("4712@hub-host-1")).isNotEqualTo(digest);
    }

    @Test
    void anIncarnationIsTheNameAndAFreshStartIdWrittenNameSlashId() {
        NodeIncarnation one = NodeIncarnation.startOf(NodeName.of("node-2"));
        NodeIncarnation two = NodeIncarnation.startOf(NodeName.of("node-2"));

        assertThat(one.toString()).matches("node-2/[0-9a-f]{16}");
        assertThat(one.startId()).isNotEqualTo(two.startId());
        assertThat(NodeIncarnation.parse(one.toString())).isEqualTo(one);
        assertThatThrownBy(() -> NodeIncarnation.parse("node-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeIncarnation.parse("node-2/xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeIncarnation.parse("node 2/0123456789abcdef"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIdentityPublishesTheConfiguredNameAndRecordsTheProcessWithoutOne() {
        NodeIdentity named = NodeIdentity.of("node-4");
        NodeIdentity unnamed = NodeIdentity.of(null);
        NodeIdentity blank = NodeIdentity.of("  ");

        assertThat(named.name().value()).isEqualTo("node-4");
        assertThat(named.recordName()).isEqualTo("node-4");
        assertThat(named.incarnation().node()).isEqualTo(named.name());
        assertThat(unnamed.name()).isEqualTo(NodeName.digestOf(NodeIdentity.PROCESS));
        assertThat(unnamed.recordName()).isEqualTo(NodeIdentity.PROCESS);
        assertThat(blank.named()).isFalse();
        assertThatThrownBy(() -> NodeIdentity.of("node 4")).isInstanceOf(IllegalArgumentException.class);
    }
}
