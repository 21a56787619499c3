package org.originhub.soap.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
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
import org.originhub.registry.testing.TestPki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds requests the way a gateway does, with WSS4J's DOM API, so that each test can choose what is signed, with
 * which algorithms and at what time, and tamper with the result before it is sent.
 */
final class SignedRequest {

    static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String ALIAS = "gateway";
    private static final char[] PASSWORD = "gateway-password".toCharArray();

    private final TestPki.Issued signer;
    private String text = "hello";
    private String bodyXml;
    private boolean timestamp = true;
    private boolean signature = true;
    private boolean signBody = true;
    private boolean signTimestamp = true;
    private boolean securityHeader = true;
    private Duration clockOffset = Duration.ZERO;
    private String signatureAlgorithm = WSS4JConstants.RSA_SHA256;
    private String digestAlgorithm = WSS4JConstants.SHA256;

    private SignedRequest(TestPki.Issued signer) {
        this.signer = signer;
    }

    static SignedRequest signedBy(TestPki.Issued signer) {
        return new SignedRequest(signer);
    }

    static SignedRequest unsecured() {
        SignedRequest request = new SignedRequest(null);
        request.securityHeader = false;
        return request;
    }

    SignedRequest text(String value) {
        this.text = value;
        return this;
    }

    /** The Body's content as XML text (declaring its own namespaces), instead of the echo request. */
    SignedRequest bodyXml(String xml) {
        this.bodyXml = xml;
        return this;
    }

    SignedRequest withoutTimestamp() {
        this.timestamp = false;
        return this;
    }

    SignedRequest withoutSignature() {
        this.signature = false;
        return this;
    }

    SignedRequest bodyUnsigned() {
        this.signBody = false;
        return this;
    }

    SignedRequest timestampUnsigned() {
        this.signTimestamp = false;
        return this;
    }

    /** The sender's clock runs this much ahead of (or behind, when negative) the hub's. */
    SignedRequest clockOffset(Duration offset) {
        this.clockOffset = offset;
        return this;
    }

    SignedRequest signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = algorithm;
        return this;
    }

    SignedRequest digestAlgorithm(String algorithm) {
        this.digestAlgorithm = algorithm;
        return this;
    }

    Document build() {
        try {
            Document doc = parse("<soapenv:Envelope xmlns:soapenv=\"" + SOAP11_NS + "\"><soapenv:Header/>"
                    + "<soapenv:Body>" + (bodyXml != null ? bodyXml : "<t:Echo xmlns:t=\"" + EchoEndpoint.NAMESPACE
                    + "\"><t:Text>" + text + "</t:Text></t:Echo>") + "</soapenv:Body></soapenv:Envelope>");
            if (!securityHeader) {
                return doc;
            }
            WSSecHeader header = new WSSecHeader(doc);
            header.setMustUnderstand(true);
            header.insertSecurityHeader();
            if (timestamp) {
                WSSecTimestamp stamp = new WSSecTimestamp(header);
                stamp.setTimeToLive(300);
                stamp.setWsTimeSource(() -> Instant.now().plus(clockOffset));
                stamp.build();
            }
            if (signature) {
                WSSecSignature sign = new WSSecSignature(header);
                sign.setUserInfo(ALIAS, new String(PASSWORD));
                sign.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
                sign.setSignatureAlgorithm(signatureAlgorithm);
                sign.setDigestAlgo(digestAlgorithm);
                sign.setSigCanonicalization(WSS4JConstants.C14N_EXCL_OMIT_COMMENTS);
                if (signBody) {
                    sign.getParts().add(new WSEncryptionPart("Body", SOAP11_NS, "Element"));
                }
                if (timestamp && signTimestamp) {
                    sign.getParts().add(new WSEncryptionPart("Timestamp", WSS4JConstants.WSU_NS, "Element"));
                }
                Merlin crypto = new Merlin();
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(new ByteArrayInputStream(signer.pkcs12(ALIAS, PASSWORD)), PASSWORD);
                crypto.setKeyStore(store);
                sign.build(crypto);
            }
            return doc;
        } catch (Exception e) {
            throw new IllegalStateException("Test request could not be built", e);
        }
    }

    static Document parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Document doc) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Element body(Document doc) {
        return (Element) doc.getElementsByTagNameNS(SOAP11_NS, "Body").item(0);
    }

    static Element header(Document doc) {
        return (Element) doc.getElementsByTagNameNS(SOAP11_NS, "Header").item(0);
    }

    static Element textElement(Document doc) {
        return (Element) doc.getElementsByTagNameNS(EchoEndpoint.NAMESPACE, "Text").item(0);
    }
}
