package org.originhub.soap.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.originhub.hub.audit.boundary.CheckpointView;
import org.originhub.registry.directory.boundary.DirectorySnapshot;
import org.w3c.dom.Element;

/** The signed directory carries the audit log's latest checkpoint as its last child, and only when there is one. */
class DirectoryDocumentTest {

    private static final DirectorySnapshot SNAPSHOT = new DirectorySnapshot(7, Instant.parse("2026-11-01T10:00:00Z"),
            Instant.parse("2026-11-02T10:00:00Z"), List.of(new DirectorySnapshot.Member("KE", "Kenya")), List.of(),
            List.of(), List.of());

    @Test
    void theLatestCheckpointIsTheLastChildWithEverythingNeededToCheckIt() throws Exception {
        CheckpointView checkpoint = new CheckpointView(4711, "ab".repeat(32), "2026-11-02T09:59:00.123456Z",
                "SHA256withRSA", "c2lnbmF0dXJl", "cd".repeat(32), "ZGVy");

        Element root = parse(DirectoryDocument.write(SNAPSHOT, "ef".repeat(32), checkpoint));

        Element last = (Element) root.getLastChild();
        assertThat(last.getLocalName()).isEqualTo("AuditCheckpoint");
        assertThat(last.getNamespaceURI()).isEqualTo(DirectoryDocument.NAMESPACE);
        assertThat(last.getAttribute("seq")).isEqualTo("4711");
        assertThat(last.getAttribute("hash")).isEqualTo("ab".repeat(32));
        assertThat(last.getAttribute("createdAt")).isEqualTo("2026-11-02T09:59:00.123456Z");
        assertThat(last.getAttribute("signatureAlgorithm")).isEqualTo("SHA256withRSA");
        assertThat(last.getAttribute("signerCertificate")).isEqualTo("cd".repeat(32));
        assertThat(last.getAttribute("signature")).isEqualTo("c2lnbmF0dXJl");
    }

    @Test
    void withoutACheckpointTheDocumentIsAsBefore() throws Exception {
        byte[] without = DirectoryDocument.write(SNAPSHOT, "ef".repeat(32), null);

        assertThat(new String(without, StandardCharsets.UTF_8)).doesNotContain("AuditCheckpoint");
        assertThat(without).isEqualTo(DirectoryDocument.write(SNAPSHOT, "ef".repeat(32)));
        assertThat(parse(without).getElementsByTagNameNS(DirectoryDocument.NAMESPACE, "MemberState").getLength())
                .isEqualTo(1);
    }

    private static Element parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    }
}
