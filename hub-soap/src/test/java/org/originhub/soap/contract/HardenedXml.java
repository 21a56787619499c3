package org.originhub.soap.contract;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Parsing and schema validation the way the hub must do it with documents from member states: no DTDs, no external
 * entities, no network or file access while validating. Schemas themselves come from the hub's own classpath.
 */
final class HardenedXml {

    static final String XSD_NS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private HardenedXml() {
    }

    static DocumentBuilder documentBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() { // report by exception only, never on stderr
            @Override
            public void warning(SAXParseException e) {
                // not an error
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder;
    }

    /**
     * A schema factory that resolves nothing outside the classpath resources it is given: external DTDs are refused
     * and schema imports may only be read from local files/jars (the hub's own XSDs).
     */
    static SchemaFactory schemaFactory() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XSD_NS);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        return factory;
    }

    static Schema coDocumentSchema() throws Exception {
        return schemaFactory().newSchema(resource("schemas/co-document-v1.xsd"));
    }

    /** The inline schema of a WSDL (with the XSDs it imports), so requests can be checked against the contract. */
    static Schema wsdlSchema(String wsdlResource) throws Exception {
        URL wsdl = resource(wsdlResource);
        Document document;
        try (InputStream in = wsdl.openStream()) {
            document = documentBuilder().parse(in, wsdl.toExternalForm());
        }
        Element schema = (Element) document.getElementsByTagNameNS(XSD_NS, "schema").item(0);
        return schemaFactory().newSchema(new DOMSource(schema, wsdl.toExternalForm()));
    }

    static Document parse(String resource) throws Exception {
        URL url = resource(resource);
        try (InputStream in = url.openStream()) {
            return documentBuilder().parse(in, url.toExternalForm());
        }
    }

    /** Every error the validator reports, in document order; empty when the document is valid. */
    static List<String> errors(Schema schema, Source source) throws Exception {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a document invalid
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getMessage());
            }
        });
        validator.validate(source);
        return errors;
    }

    static URL resource(String name) {
        URL url = HardenedXml.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no resource " + name);
        }
        return url;
    }
}
