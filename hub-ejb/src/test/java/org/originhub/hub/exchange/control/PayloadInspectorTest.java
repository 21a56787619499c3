package org.originhub.hub.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.originhub.hub.exchange.Documents;
import org.originhub.hub.exchange.entity.BusinessResponseKind;
import org.originhub.hub.exchange.entity.DocumentFunction;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.VerificationResult;
import org.originhub.registry.gateways.entity.DocumentType;

/** Hardened parsing, schema validation with field paths, and the payload's agreement with its envelope. */
class PayloadInspectorTest {

    @Test
    void everyDocumentTypeIsValidAndItsRoutingFieldsAreRead() {
        PayloadInspector.Inspection co = PayloadInspector.inspect(Documents.replacement("KE", "KE-2", "KE-1", "EAC"));
        assertThat(co.findings()).isEmpty();
        assertThat(co.facts()).isEqualTo(new PayloadFacts("CertificateOfOrigin", PayloadInspector.NAMESPACE,
                "REPLACE", "KE-2", "KE-1", "EAC", "KE", null, null, null, false));
        for (byte[] document : List.of(Documents.cancellation("KE", "KE-1"),
                Documents.businessResponse("REJECTED", "KE-1", "KE"), Documents.verificationRequest("R1", "KE-1", "KE"),
                Documents.verificationResponse("R1", "KE-1", "KE", "CONFIRMED"))) {
            PayloadInspector.Inspection inspection = PayloadInspector.inspect(document);
            assertThat(inspection.findings()).isEmpty();
            assertThat(inspection.facts().coNumber()).isEqualTo("KE-1");
            assertThat(inspection.facts().issuingCountry()).isEqualTo("KE");
        }
        assertThat(PayloadInspector.inspect(Documents.verificationResponse("R1", "KE-1", "KE", "CONFIRMED")).facts()
                .requestNumber()).isEqualTo("R1");
        assertThat(PayloadInspector.inspect(Documents.businessResponse("REJECTED", "KE-1", "KE")).facts().hasReason())
                .isTrue();
    }

    @Test
    void findingsNameTheElementPathWithPositionsOfRepeatedElements() {
        String text = new String(Documents.co("KE", "KE-1", "EAC"), StandardCharsets.UTF_8)
                .replace("<HsCode>090121</HsCode>", "<HsCode>12</HsCode>");

        List<Finding> findings = PayloadInspector.inspect(text.getBytes(StandardCharsets.UTF_8)).findings();

        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.code()).isEqualTo("SchemaInvalid");
            assertThat(f.field()).isEqualTo("CertificateOfOrigin/GoodsItem[2]/HsCode");
            assertThat(f.message()).doesNotStartWith("cvc-").doesNotContain("urn:originhub:co:v1\":");
        });
    }

    @Test
    void theDocumentsOwnEncodingDeclarationIsHonoured() {
        String text = new String(Documents.co("KE", "KE-1", "EAC"), StandardCharsets.UTF_8)
                .replace("UTF-8", "ISO-8859-1").replace("Tea, black", "Th\u00e9 noir");

        PayloadInspector.Inspection inspection = PayloadInspector.inspect(text.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(inspection.findings()).isEmpty();
    }

    @Test
    void doctypesExternalEntitiesAndEntityBombsAreRefusedAsNotWellFormed() {
        String[] attacks = {
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;\">]><r>&c;&c;&c;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\"><r/>",
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\"/></r>",
        };
        for (int i = 0; i < 3; i++) {
            PayloadInspector.Inspection inspection = PayloadInspector.inspect(attacks[i].getBytes(StandardCharsets.UTF_8));
            assertThat(inspection.wellFormed()).as(attacks[i]).isFalse();
            assertThat(inspection.findings()).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo("Payload/Content");
                assertThat(f.message()).contains("DOCTYPE");
            });
        }
        // XInclude is not processed: the element is just not a CO document
        PayloadInspector.Inspection xinclude = PayloadInspector.inspect(attacks[3].getBytes(StandardCharsets.UTF_8));
        assertThat(xinclude.findings()).isNotEmpty().noneMatch(f -> f.message().contains("root:"));
    }

    @Test
    void nestingDeeperThanAnyCoIsRefused() {
        String deep = "<CertificateOfOrigin xmlns=\"urn:originhub:co:v1\">" + "<a>".repeat(200) + "</a>".repeat(200)
                + "</CertificateOfOrigin>";

        PayloadInspector.Inspection inspection = PayloadInspector.inspect(deep.getBytes(StandardCharsets.UTF_8));

        assertThat(inspection.wellFormed()).isFalse();
        assertThat(inspection.findings().get(0).message()).containsPattern("nested|depth|Depth");
    }

    @Test
    void garbageIsNotWellFormed() {
        PayloadInspector.Inspection inspection = PayloadInspector.inspect("%PDF-1.7".getBytes(StandardCharsets.UTF_8));

        assertThat(inspection.wellFormed()).isFalse();
        assertThat(inspection.findings().get(0).message()).startsWith("is not a well-formed XML document");
    }

    @Test
    void thePayloadMustBeTheDocumentItsEnvelopeAnnounces() {
        EnvelopeData cancel = envelope(DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.CANCEL, "KE-1", null, null);
        assertThat(mismatches(cancel, Documents.co("KE", "KE-1", "EAC"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("CertificateCancellation"));

        EnvelopeData newCo = envelope(DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.NEW, "KE-1", null, null);
        assertThat(mismatches(newCo, Documents.co("UG", "KE-9", "OTHER"))).extracting(Finding::field)
                .containsExactly("CertificateOfOrigin/ReferenceNumber", "CertificateOfOrigin/IssuingAuthority/Country",
                        "CertificateOfOrigin/AgreementCode");
        assertThat(mismatches(newCo, Documents.replacement("KE", "KE-1", "KE-0", "EAC"))).extracting(Finding::field)
                .containsExactly("CertificateOfOrigin/MessageFunction", "CertificateOfOrigin/ReplacedReferenceNumber");

        EnvelopeData replace = envelope(DocumentType.CERTIFICATE_OF_ORIGIN, DocumentFunction.REPLACE, "KE-1", null,
                null);
        assertThat(mismatches(replace, Documents.co("KE", "KE-1", "EAC", "REPLACE", null))).extracting(Finding::field)
                .containsExactly("CertificateOfOrigin/ReplacedReferenceNumber");

        EnvelopeData accepted = new EnvelopeData("TZ", "KE", "EAC", DocumentType.BUSINESS_RESPONSE,
                DocumentFunction.NEW, "KE-1", "m1", List.of(), BusinessResponseKind.ACCEPTED, null);
        assertThat(mismatches(accepted, Documents.businessResponse("UTILISED", "KE-1", "KE")))
                .extracting(Finding::field).containsExactly("BusinessResponse/ResponseKind");
        assertThat(mismatches(accepted, Documents.businessResponse("ACCEPTED", "KE-1", "TZ")))
                .extracting(Finding::field).containsExactly("BusinessResponse/IssuingCountry");

        EnvelopeData confirmed = new EnvelopeData("KE", "TZ", "EAC", DocumentType.VERIFICATION_RESPONSE,
                DocumentFunction.NEW, "KE-1", "m1", List.of(), null, VerificationResult.CONFIRMED);
        assertThat(mismatches(confirmed, Documents.verificationResponse("R1", "KE-1", "KE", "NOT_CONFIRMED")))
                .extracting(Finding::field).containsExactly("VerificationResponse/Result");
    }

    @Test
    void envelopeFieldsEachTypeNeedsOrForbids() {
        EnvelopeData noKind = new EnvelopeData("TZ", "KE", "EAC", DocumentType.BUSINESS_RESPONSE,
                DocumentFunction.REPLACE, "KE-1", "m1", List.of(), null, VerificationResult.CONFIRMED);

        assertThat(DocumentRules.envelope(noKind)).extracting(Finding::field).containsExactly(
                "Envelope/DocumentFunction", "Envelope/BusinessResponseKind", "Envelope/VerificationResult");
    }

    private static EnvelopeData envelope(DocumentType type, DocumentFunction function, String number,
            BusinessResponseKind kind, VerificationResult result) {
        return new EnvelopeData("KE", "TZ", "EAC", type, function, number, "m1", List.of(), kind, result);
    }

    private static List<Finding> mismatches(EnvelopeData envelope, byte[] payload) {
        PayloadInspector.Inspection inspection = PayloadInspector.inspect(payload);
        assertThat(inspection.wellFormed()).isTrue();
        return DocumentRules.payload(envelope, inspection.facts());
    }
}
