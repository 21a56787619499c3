package org.originhub.web.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
import org.originhub.registry.testing.TestPki;
import org.w3c.dom.Document;

/**
 * SOAP requests signed as a member gateway signs them (the hub's profile: Timestamp 300 s, BinarySecurityToken,
 * RSA-SHA256, exclusive C14N, SHA-256 digests, Body and Timestamp signed), built with WSS4J directly.
 */
final class SignedSoap {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final char[] PASSWORD = "gateway-password".toCharArray();

    private SignedSoap() {
    }

    static byte[] sign(String bodyXml, TestPki.Issued signer) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(signer.pkcs12("gateway", PASSWORD)), PASSWORD);
            return sign(bodyXml, store, "gateway", PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the test request", e);
        }
    }

    /** Signed with the key {@code alias} of a gateway's keystore (the demo's, say). */
    static byte[] sign(String bodyXml, KeyStore store, String alias, char[] password) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(("<soapenv:Envelope "
                    + "xmlns:soapenv=\"" + SOAP11 + "\"><soapenv:Header/><soapenv:Body>" + bodyXml
                    + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8)));
            WSSecHeader header = new WSSecHeader(doc);
            header.setMustUnderstand(true);
            header.insertSecurityHeader();
            WSSecTimestamp timestamp = new WSSecTimestamp(header);
            timestamp.setTimeToLive(300);
            timestamp.build();
            WSSecSignature signature = new WSSecSignature(header);
            signature.setUserInfo(alias, new String(password));
            signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
            signature.setSignatureAlgorithm(WSS4JConstants.RSA_SHA256);
            signature.setDigestAlgo(WSS4JConstants.SHA256);
            signature.setSigCanonicalization(WSS4JConstants.C14N_EXCL_OMIT_COMMENTS);
            signature.getParts().add(new WSEncryptionPart("Body", SOAP11, "Element"));
            signature.getParts().add(new WSEncryptionPart("Timestamp", WSS4JConstants.WSU_NS, "Element"));
            Merlin crypto = new Merlin();
            crypto.setKeyStore(store);
            signature.build(crypto);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the test request", e);
        }
    }
}
