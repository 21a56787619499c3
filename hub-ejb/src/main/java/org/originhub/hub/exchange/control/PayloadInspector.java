package org.originhub.hub.exchange.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.Refusal;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Reads a payload the way a hub must read documents from member states: a hardened, streaming parse of the bytes as
 * they are (their own encoding declaration applies; nothing is re-serialised) with no DTD, no entities, no external
 * access of any kind and a nesting limit, validated against co-document-v1.xsd on the way, while the few fields that
 * the envelope is checked against are picked up. Streaming keeps memory flat for the 10 MB payloads the hub accepts.
 *
 * <p>Thread-safe: the compiled schema is shared, everything else is made per call.
 */
public final class PayloadInspector {

    public static final String NAMESPACE = "urn:originhub:co:v1";
    public static final String SCHEMA_RESOURCE = "schemas/co-document-v1.xsd";
    /** Deeper than any document of co-document-v1.xsd (about 5 levels) by far; deeper is an attack, not a CO. */
    static final int MAX_DEPTH = 32;
    static final int MAX_FINDINGS = 50;
    private static final int MAX_TEXT = 2000;
    private static final Schema SCHEMA = compile();

    private PayloadInspector() {
    }

    /** What the hub could read of a payload, and everything wrong with it as a CO document. */
    public record Inspection(PayloadFacts facts, List<Finding> findings) {

        public boolean wellFormed() {
            return facts != null;
        }
    }

    private static Schema compile() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            URL xsd = PayloadInspector.class.getClassLoader().getResource(SCHEMA_RESOURCE);
            if (xsd == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path");
            }
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("co-document-v1.xsd does not compile", e);
        }
    }

    /** Parses and validates {@code payload}; the findings are SchemaInvalid, in document order. */
    public static Inspection inspect(byte[] payload) {
        Reader reader = new Reader();
        try {
            XMLReader xml = hardenedParser().getXMLReader();
            ValidatorHandler validator = SCHEMA.newValidatorHandler();
            setQuietly(validator, XMLConstants.ACCESS_EXTERNAL_DTD, "");
            setQuietly(validator, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(reader);
            reader.validator = validator;
            xml.setContentHandler(reader);
            xml.setErrorHandler(reader);
            xml.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            xml.parse(new InputSource(new ByteArrayInputStream(payload)));
        } catch (SAXException e) {
            return new Inspection(null, List.of(Findings.error(Refusal.SCHEMA_INVALID, "Payload/Content",
                    "is not a well-formed XML document: " + notWellFormed(e))));
        } catch (IOException e) {
            return new Inspection(null, List.of(Findings.error(Refusal.SCHEMA_INVALID, "Payload/Content",
                    "cannot be read as XML: " + e.getMessage())));
        }
        return new Inspection(reader.facts(), List.copyOf(reader.findings));
    }

    private static SAXParser hardenedParser() throws SAXException {
        try {
            // the JDK's own parser, whatever else is on the class path: its hardening properties are known
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // JDK limits: no DTD means no entities anyway; these hold even if that feature were lost
            setQuietly(parser, "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "100");
            setQuietly(parser, "http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
                    String.valueOf(MAX_DEPTH));
            return parser;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be hardened", e);
        }
    }

    private static void setQuietly(SAXParser parser, String property, String value) {
        try {
            parser.setProperty(property, value);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // the explicit depth check in Reader holds regardless
        }
    }

    private static void setQuietly(ValidatorHandler validator, String property, String value) {
        try {
            validator.setProperty(property, value);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // a validator from a compiled schema resolves nothing anyway
        }
    }

    private static String notWellFormed(SAXException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("DOCTYPE") || message.contains("disallow-doctype-decl")) {
            message = "a DOCTYPE (DTD) is not allowed in a payload";
        }
        if (e instanceof SAXParseException p && p.getLineNumber() > 0) {
            message += " (line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ")";
        }
        return message;
    }

    /** Cleans a validator message for an integrator: no error-code prefix, no namespace noise. */
    static String readable(String message) {
        String text = message == null ? "invalid" : message;
        text = text.replaceFirst("^cvc-[\\w.\\-]+: ", "");
        return text.replace("\"" + NAMESPACE + "\":", "");
    }

    /** Forwards the parse to the validator, keeps the element path for findings and picks up the facts. */
    private static final class Reader implements ContentHandler, ErrorHandler {

        private final List<Finding> findings = new ArrayList<>();
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> siblings = new ArrayDeque<>();
        private final Map<String, String> fields = new HashMap<>();
        private final StringBuilder text = new StringBuilder();
        private ValidatorHandler validator;
        private String root;
        private String rootNamespace;
        private boolean capturing;

        String field() {
            StringBuilder field = new StringBuilder();
            var it = path.descendingIterator();
            while (it.hasNext()) {
                if (field.length() > 0) {
                    field.append('/');
                }
                field.append(it.next());
            }
            return field.length() == 0 ? "Payload/Content" : field.toString();
        }

        PayloadFacts facts() {
            return new PayloadFacts(root, rootNamespace, fields.get("MessageFunction"),
                    fields.getOrDefault("ReferenceNumber", fields.get("CoReferenceNumber")),
                    fields.get("ReplacedReferenceNumber"), fields.get("AgreementCode"),
                    fields.getOrDefault("IssuingCountry", fields.get("IssuingAuthority/Country")),
                    fields.get("ResponseKind"), fields.get("Result"), fields.get("RequestNumber"),
                    fields.containsKey("Reason"));
        }

        private void add(SAXParseException e) {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(Findings.error(Refusal.SCHEMA_INVALID, field(), readable(e.getMessage())));
            }
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document invalid
        }

        @Override
        public void error(SAXParseException e) {
            add(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            validator.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            validator.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            validator.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            validator.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            validator.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (path.size() >= MAX_DEPTH) {
                throw new SAXException("elements are nested deeper than " + MAX_DEPTH + " levels");
            }
            Map<String, Integer> counts = siblings.isEmpty() ? new HashMap<>() : siblings.peek();
            int n = counts.merge(localName, 1, Integer::sum);
            path.push(n > 1 ? localName + "[" + n + "]" : localName);
            siblings.push(new HashMap<>());
            if (root == null) {
                root = localName;
                rootNamespace = uri;
            }
            capturing = NAMESPACE.equals(uri) && captured(localName) != null;
            text.setLength(0);
            validator.startElement(uri, localName, qName, atts);
        }

        /** The facts' key for an element at the current depth, or null if it is not one the hub reads. */
        private String captured(String localName) {
            if (path.size() == 2) {
                switch (localName) {
                    case "MessageFunction":
                    case "ReferenceNumber":
                    case "ReplacedReferenceNumber":
                    case "CoReferenceNumber":
                    case "IssuingCountry":
                    case "AgreementCode":
                    case "ResponseKind":
                    case "Result":
                    case "RequestNumber":
                    case "Reason":
                        return localName;
                    default:
                        return null;
                }
            }
            if (path.size() == 3 && "Country".equals(localName) && "IssuingAuthority".equals(path.toArray()[1])) {
                return "IssuingAuthority/Country";
            }
            return null;
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            validator.endElement(uri, localName, qName);
            if (capturing) {
                String key = captured(localName);
                if (key != null) {
                    fields.putIfAbsent(key, text.toString().strip());
                }
                capturing = false;
            }
            path.pop();
            siblings.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (capturing && text.length() < MAX_TEXT) {
                text.append(ch, start, Math.min(length, MAX_TEXT - text.length()));
            }
            validator.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            validator.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            validator.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            throw new SAXException("entity references are not allowed (&" + name + ";)");
        }
    }
}
