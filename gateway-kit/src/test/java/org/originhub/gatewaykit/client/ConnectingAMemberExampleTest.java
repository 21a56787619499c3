package org.originhub.gatewaykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.gatewaykit.contract.envelope.AcknowledgementKind;
import org.originhub.gatewaykit.contract.envelope.DeliveryStatus;
import org.originhub.gatewaykit.testing.PipelineHub;
import org.originhub.gatewaykit.testing.TestCommunity;
import org.originhub.gatewaykit.testing.WireTap;

/**
 * The example of docs/connecting-a-member.md, run as written against the hub's real pipeline, and the messages it
 * puts on the wire checked against the profile. The captured messages are written to target/wire/ (the annotated
 * request and response in the document were taken from there).
 */
class ConnectingAMemberExampleTest {

    @TempDir
    Path folder;

    @Test
    void theDocumentedExampleSubmitsPullsAndAcknowledgesWithProfileConformantMessages() throws IOException {
        TestCommunity community = new TestCommunity(folder);
        Path coXml = Files.writeString(folder.resolve("co.xml"),
                "<co:CertificateOfOrigin xmlns:co=\"urn:originhub:co:v1\">...</co:CertificateOfOrigin>");
        char[] password = TestCommunity.PASSWORD;
        try (PipelineHub localHub = new PipelineHub(community); WireTap tap = new WireTap(localHub.url())) {
            String hubUrl = tap.url();
            Path kenyaP12 = community.kenyaKeystore;
            Path tanzaniaP12 = community.tanzaniaKeystore;
            Path hubPem = community.hubCertificatePem;

            // ---- the example, as in the document ----
            try (HubClient ke = HubClient.builder().hubUrl(hubUrl).keystore(kenyaP12, password)
                    .hubCertificate(hubPem).build();
                 HubClient tz = HubClient.builder().hubUrl(hubUrl).keystore(tanzaniaP12, password)
                    .hubCertificate(hubPem).build()) {
                Receipt receipt = ke.submit(Submission.builder()
                        .from("KE").to("TZ").agreement("EAC-CO-DEMO")
                        .coNumber("KE-2026-000123").senderMessageId("ke-outbox-000123")
                        .payload(Files.readAllBytes(coXml))
                        .build());
                System.out.println("Accepted as " + receipt.trackingNumber());

                for (ReceivedDocument document : tz.pull(50).documents()) {
                    Files.write(folder.resolve(document.trackingNumber() + ".xml"), document.payload());
                    tz.acknowledge(document.trackingNumber(),
                            document.payloadIntact() ? AcknowledgementKind.OK : AcknowledgementKind.NOT_READABLE,
                            document.payloadIntact() ? null : "payload does not match its SHA-256");
                }
                System.out.println(ke.track(receipt.trackingNumber()).get(0).deliveryStatus());
                // ---- end of the example ----

                assertThat(ke.track(receipt.trackingNumber()).get(0).deliveryStatus())
                        .isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(folder.resolve(receipt.trackingNumber() + ".xml")).hasSameBinaryContentAs(coXml);

                // A refusal, for the document's fault example: the hub signs faults too, and the kit verified it.
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> ke.submit(Submission.builder().from("UG")
                        .to("TZ").agreement("EAC-CO-DEMO").coNumber("UG-1").payload(Files.readAllBytes(coXml))
                        .build())).isInstanceOf(HubFaultException.class);
            }

            // HTTP/1.1 only: no request offers the h2c upgrade Java's HttpClient offers by default.
            assertThat(tap.exchanges).isNotEmpty().allSatisfy(e -> assertThat(e.upgrade()).isNull());

            WireTap.Exchange submit = tap.exchanges.stream()
                    .filter(e -> new String(e.request(), StandardCharsets.UTF_8).contains("SubmitDocumentRequest"))
                    .findFirst().orElseThrow();
            String request = new String(submit.request(), StandardCharsets.UTF_8);
            String response = new String(submit.response(), StandardCharsets.UTF_8);
            for (String message : new String[] {request, response}) {
                assertThat(message)
                        .contains("wsse:Security").contains("mustUnderstand=\"1\"")
                        .contains("ValueType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3\"")
                        .contains("Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"")
                        .contains("Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"")
                        .contains("Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"")
                        .contains("<wsu:Created>").contains("<wsu:Expires>")
                        .doesNotContain("rsa-sha1").doesNotContain("xmldsig#sha1");
                assertThat(message.split("<ds:Reference ", -1)).as("two signed references: Timestamp and Body")
                        .hasSize(3);
            }
            assertThat(submit.status()).isEqualTo(200);
            assertThat(response).contains("SubmitDocumentResponse").contains("PENDING_DELIVERY");

            Path wire = Path.of("target", "wire");
            Files.createDirectories(wire);
            Files.write(wire.resolve("submit-request.xml"), submit.request());
            Files.write(wire.resolve("submit-response.xml"), submit.response());
            WireTap.Exchange fault = tap.exchanges.stream().filter(e -> e.status() == 500).findFirst().orElseThrow();
            assertThat(new String(fault.response(), StandardCharsets.UTF_8)).contains("SenderMismatch")
                    .contains("wsse:Security").contains("xmldsig-more#rsa-sha256");
            write(wire.resolve("fault-response.xml"), fault.response());
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
