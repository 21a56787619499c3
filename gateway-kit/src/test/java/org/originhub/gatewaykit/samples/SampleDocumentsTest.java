package org.originhub.gatewaykit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;

/** Every sample validates against the published CO document schema, so the demo and the benchmark send real COs. */
class SampleDocumentsTest {

    private static final Path SCHEMA = Path.of("..", "hub-ejb", "src", "main", "resources", "schemas",
            "co-document-v1.xsd");

    @Test
    void everySampleIsValidAgainstCoDocumentV1() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator validator = factory.newSchema(SCHEMA.toFile()).newValidator();
        for (byte[] sample : List.of(SampleDocuments.certificate("KE", "KE-1", "EAC-CU"),
                SampleDocuments.certificate("KE", "KE-2", "EAC-CU", "<script>alert('x')</script> & \"Sons\""),
                SampleDocuments.replacement("KE", "KE-3", "KE-1", "EAC-CU"),
                SampleDocuments.cancellation("KE", "KE-3"),
                SampleDocuments.businessResponse("REJECTED", "KE-1", "KE", "UG"),
                SampleDocuments.verificationRequest("VR-1", "KE-1", "KE", "UG"),
                SampleDocuments.verificationResponse("VR-1", "KE-1", "KE", "CONFIRMED"))) {
            assertThatCode(() -> validator.validate(new StreamSource(new ByteArrayInputStream(sample))))
                    .as(new String(sample, StandardCharsets.UTF_8)).doesNotThrowAnyException();
        }
    }

    @Test
    void aHostileExporterNameIsCarriedAsTextNotMarkup() {
        String xml = new String(SampleDocuments.certificate("KE", "KE-9", "EAC-CU", "<b>x</b>"),
                StandardCharsets.UTF_8);

        assertThat(xml).contains("<Name>&lt;b&gt;x&lt;/b&gt;</Name>");
    }
}
