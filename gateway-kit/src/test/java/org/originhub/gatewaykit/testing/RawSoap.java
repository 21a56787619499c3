package org.originhub.gatewaykit.testing;

import jakarta.xml.bind.JAXBContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP messages built by hand with WSS4J's DOM API, so a test chooses what is signed and can send the exact same
 * bytes twice; sent with the JDK's HTTP client, answers read raw.
 */
public final class RawSoap {

    public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private RawSoap() {
    }

    /** What came back: HTTP status and the body's bytes. */
    public record Answer(int status, String body) {

        /** The faultcode's local part, or null when the answer is no fault. */
        public String faultCode() {
            Document doc = parse(body.getBytes(StandardCharsets.UTF_8));
            Element code = (Element) doc.getElementsByTagName("faultcode").item(0);
            if (code == null) {
                return null;
            }
            String value = code.getTextContent().trim();
            return value.substring(value.indexOf(':') + 1);
        }
    }

    /**
     * {@code payload} (a JAXB element) in a SOAP envelope signed with the key in the PKCS#12 file: Timestamp always,
     * and the Body only when {@code signBody}.
     */
    public static byte[] signed(Object payload, Path pkcs12, char[] password, boolean signBody) {
        try {
            Document doc = parse(("<soapenv:Envelope xmlns:soapenv=\"" + SOAP_NS + "\"><soapenv:Header/>"
                    + "<soapenv:Body/></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8));
            Element body = (Element) doc.getElementsByTagNameNS(SOAP_NS, "Body").item(0);
            JAXBContext.newInstance(payload.getClass()).createMarshaller().marshal(payload, body);
            WSSecHeader header = new WSSecHeader(doc);
            header.setMustUnderstand(true);
            header.insertSecurityHeader();
            WSSecTimestamp timestamp = new WSSecTimestamp(header);
            timestamp.setTimeToLive(300);
            timestamp.build();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(Files.newInputStream(pkcs12), password);
            String alias = store.aliases().nextElement();
            Merlin crypto = new Merlin();
            crypto.setKeyStore(store);
            WSSecSignature signature = new WSSecSignature(header);
            signature.setUserInfo(alias, new String(password));
            signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
            signature.setSignatureAlgorithm(WSS4JConstants.RSA_SHA256);
            signature.setDigestAlgo(WSS4JConstants.SHA256);
            signature.setSigCanonicalization(WSS4JConstants.C14N_EXCL_OMIT_COMMENTS);
            signature.getParts().add(new WSEncryptionPart("Timestamp", WSS4JConstants.WSU_NS, "Element"));
            if (signBody) {
                signature.getParts().add(new WSEncryptionPart("Body", SOAP_NS, "Element"));
            }
            signature.build(crypto);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("The test message could not be built", e);
        }
    }

    public static Answer post(String url, byte[] message, String soapAction) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"" + soapAction + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
