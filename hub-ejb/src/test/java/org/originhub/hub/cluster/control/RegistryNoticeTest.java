package org.originhub.hub.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.originhub.hub.configuration.entity.NodeName;

/** Registry notices as they travel on the grid's topic. */
class RegistryNoticeTest {

    @Test
    void aNoticeReadsBackAsItWasWritten() {
        RegistryNotice notice = new RegistryNotice(NodeName.of("node-1"), "GATEWAY_SUSPENDED Gateway 7", 1_700_000_000_123L);

        assertThat(RegistryNotice.parse(notice.text())).contains(notice);
    }

    @Test
    void lineBreaksInTheReasonCannotForgeFieldsAndLongReasonsAreClipped() {
        RegistryNotice notice = new RegistryNotice(NodeName.of("node-1"), "a\nnode-9\n1", 5);
        String tooLong = "x".repeat(500);

        assertThat(RegistryNotice.parse(notice.text())).hasValueSatisfying(n -> {
            assertThat(n.node().value()).isEqualTo("node-1");
            assertThat(n.reason()).isEqualTo("a node-9 1");
        });
        assertThat(new RegistryNotice(NodeName.of("node-1"), tooLong, 5).reason()).hasSize(RegistryNotice.MAX_REASON);
    }

    @Test
    void whatIsNotANoticeIsNone() {
        assertThat(RegistryNotice.parse(null)).isEmpty();
        assertThat(RegistryNotice.parse("hello")).isEmpty();
        assertThat(RegistryNotice.parse("node 1\nreason\n5")).isEmpty();
        assertThat(RegistryNotice.parse("node-1\nreason\nsoon")).isEmpty();
    }
}
