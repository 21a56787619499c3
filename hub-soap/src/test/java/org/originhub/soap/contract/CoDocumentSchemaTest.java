package org.originhub.soap.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;

/**
 * The CO documents (co-document-v1.xsd) and the exchange requests (exchange.wsdl with envelope-v1.xsd): the samples
 * every message type of the exchange produces are valid, and a broken CO is refused with an error naming the field,
 * which is what ValidateDocument and the SchemaInvalid fault will tell a member's integrator.
 */
class CoDocumentSchemaTest {

    private static final String CO = "urn:originhub:co:v1";
    private static Schema coSchema;

    @BeforeAll
    static void compileSchema() throws Exception {
        coSchema = HardenedXml.coDocumentSchema();
    }

    @ParameterizedTest
    @ValueSource(strings = {"co-new.xml", "co-replacement.xml", "co-cancellation.xml",
            "business-response-utilised.xml", "verification-request.xml", "verification-response.xml"})
    void sampleDocumentsAreValid(String sample) throws Exception {
        Document document = HardenedXml.parse("samples/" + sample);

        assertThat(HardenedXml.errors(coSchema, new DOMSource(document))).isEmpty();
    }

    @Test
    void coWithoutHsCodeIsRejectedNamingTheField() throws Exception {
        Document co = HardenedXml.parse("samples/co-new.xml");
        Element item = firstGoodsItem(co);
        item.removeChild(child(item, "HsCode"));

        assertThat(errors(co)).anySatisfy(e -> assertThat(e).contains("HsCode"));
    }

    @Test
    void coWithoutExporterNameIsRejectedNamingTheField() throws Exception {
        Document co = HardenedXml.parse("samples/co-new.xml");
        Element exporter = child(co.getDocumentElement(), "Exporter");
        exporter.removeChild(child(exporter, "Name"));

        assertThat(errors(co)).anySatisfy(e -> assertThat(e).contains("Name"));
    }

    @Test
    void coWithoutOfficialCertificationIsRejected() throws Exception {
        Document co = HardenedXml.parse("samples/co-new.xml");
        co.getDocumentElement().removeChild(child(co.getDocumentElement(), "OfficialCertification"));

        assertThat(errors(co)).anySatisfy(e -> assertThat(e).contains("OfficialCertification"));
    }

    @Test
    void coWithAlpha3CountryCodeIsRejectedNamingTheField() throws Exception {
        Document co = HardenedXml.parse("samples/co-new.xml");
        child(firstGoodsItem(co), "OriginCountry").setTextContent("SGP");

        assertThat(errors(co)).anySatisfy(e -> assertThat(e).contains("SGP").contains("OriginCountry"));
    }

    @Test
    void coWithLowerCaseExporterCountryIsRejected() throws Exception {
        Document co = HardenedXml.parse("samples/co-new.xml");
        Element address = child(child(co.getDocumentElement(), "Exporter"), "Address");
        child(address, "Country").setTextContent("sg");

        assertThat(errors(co)).anySatisfy(e -> assertThat(e).contains("'sg'").contains("Country"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8534", "85340", "8534.00", "853400123", "ABCDEF"})
    void coWithMalformedHsCodeIsRejectedNamingTheField(String hsCode) throws Exception {
        Document co = HardenedXml.parse("samples/co-new.xml");
        child(firstGoodsItem(co), "HsCode").setTextContent(hsCode);

        assertThat(errors(co)).anySatisfy(e -> assertThat(e).contains(hsCode).contains("HsCode"));
    }

    @Test
    void unknownMessageFunctionIsRejected() throws Exception {
        Document co = HardenedXml.parse("samples/co-new.xml");
        child(co.getDocumentElement(), "MessageFunction").setTextContent("AMEND");

        assertThat(errors(co)).anySatisfy(e -> assertThat(e).contains("AMEND").contains("MessageFunction"));
    }

    @Test
    void cancellationMustSayCancel() throws Exception {
        Document cancellation = HardenedXml.parse("samples/co-cancellation.xml");
        child(cancellation.getDocumentElement(), "MessageFunction").setTextContent("NEW");

        assertThat(errors(cancellation)).anySatisfy(e -> assertThat(e).contains("MessageFunction"));
    }

    @Test
    void businessResponseKindIsAClosedList() throws Exception {
        Document response = HardenedXml.parse("samples/business-response-utilised.xml");
        child(response.getDocumentElement(), "ResponseKind").setTextContent("USED");

        assertThat(errors(response)).anySatisfy(e -> assertThat(e).contains("USED").contains("ResponseKind"));
    }

    @Test
    void documentWithADoctypeIsRefusedBeforeValidation() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<BusinessResponse xmlns=\"urn:originhub:co:v1\"><ResponseKind>&x;</ResponseKind></BusinessResponse>";

        assertThatThrownBy(() -> HardenedXml.documentBuilder()
                .parse(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void submitDocumentRequestCarryingTheSampleCoIsValidAgainstTheExchangeContract() throws Exception {
        Schema exchange = HardenedXml.wsdlSchema("wsdl/exchange.wsdl");
        Document request = HardenedXml.documentBuilder().parse(new ByteArrayInputStream(
                submitRequest("SG", "MY", "CERTIFICATE_OF_ORIGIN").getBytes(StandardCharsets.UTF_8)));

        assertThat(HardenedXml.errors(exchange, new DOMSource(request))).isEmpty();
    }

    @Test
    void envelopeWithAlpha3MemberCodeIsRejectedByTheExchangeContract() throws Exception {
        Schema exchange = HardenedXml.wsdlSchema("wsdl/exchange.wsdl");
        Document request = HardenedXml.documentBuilder().parse(new ByteArrayInputStream(
                submitRequest("SGP", "MY", "CERTIFICATE_OF_ORIGIN").getBytes(StandardCharsets.UTF_8)));

        assertThat(HardenedXml.errors(exchange, new DOMSource(request)))
                .anySatisfy(e -> assertThat(e).contains("SGP").contains("From"));
    }

    @Test
    void envelopeDocumentTypeUsesTheRegistryNames() throws Exception {
        Schema exchange = HardenedXml.wsdlSchema("wsdl/exchange.wsdl");
        Document request = HardenedXml.documentBuilder().parse(new ByteArrayInputStream(
                submitRequest("SG", "MY", "CO").getBytes(StandardCharsets.UTF_8)));

        assertThat(HardenedXml.errors(exchange, new DOMSource(request)))
                .anySatisfy(e -> assertThat(e).contains("DocumentType"));
    }

    @Test
    void deliverDocumentRequestIsValidAgainstThePushContract() throws Exception {
        Schema push = HardenedXml.wsdlSchema("wsdl/gateway-push.wsdl");
        String request = "<DeliverDocumentRequest xmlns='urn:originhub:gateway:v1' xmlns:e='urn:originhub:envelope:v1'>"
                + "<Document><e:TrackingNumber>OH-2026-0000001</e:TrackingNumber>"
                + "<e:ReceivedAt>2026-03-02T02:05:00Z</e:ReceivedAt>" + envelope("e:Envelope", "SG", "MY", "CERTIFICATE_OF_ORIGIN")
                + "<e:Payload><e:MediaType>application/xml</e:MediaType><e:Content>PGEvPg==</e:Content></e:Payload>"
                + "<e:PayloadSha256>" + "ab".repeat(32) + "</e:PayloadSha256>"
                + "<e:SenderCertificateSha256>" + "cd".repeat(32) + "</e:SenderCertificateSha256></Document>"
                + "<Attempt>1</Attempt></DeliverDocumentRequest>";
        Document document = HardenedXml.documentBuilder()
                .parse(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)));

        assertThat(HardenedXml.errors(push, new DOMSource(document))).isEmpty();
    }

    private static String submitRequest(String from, String to, String type) throws Exception {
        byte[] co = HardenedXml.resource("samples/co-new.xml").openStream().readAllBytes();
        return "<SubmitDocumentRequest xmlns='urn:originhub:exchange:v1' xmlns:e='urn:originhub:envelope:v1'>"
                + envelope("Envelope", from, to, type)
                + "<Payload><e:MediaType>application/xml</e:MediaType><e:Content>"
                + java.util.Base64.getEncoder().encodeToString(co) + "</e:Content></Payload>"
                + "</SubmitDocumentRequest>";
    }

    /** An envelope element named {@code element}: its name belongs to the enclosing schema, its fields to env. */
    private static String envelope(String element, String from, String to, String type) {
        return "<" + element + "><e:From>" + from + "</e:From><e:To>" + to + "</e:To><e:Agreement>ATIGA</e:Agreement>"
                + "<e:DocumentType>" + type + "</e:DocumentType><e:DocumentFunction>NEW</e:DocumentFunction>"
                + "<e:IssuerCoNumber>SG-2026-000123</e:IssuerCoNumber><e:SenderMessageId>sg-gw-000981</e:SenderMessageId>"
                + "</" + element + ">";
    }

    private static List<String> errors(Document document) throws Exception {
        List<String> errors = HardenedXml.errors(coSchema, new DOMSource(document));
        assertThat(errors).as("the broken document must be invalid").isNotEmpty();
        return errors;
    }

    private static Element firstGoodsItem(Document co) {
        return child(co.getDocumentElement(), "GoodsItem");
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && CO.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new IllegalArgumentException(parent.getLocalName() + " has no " + localName);
    }
}
