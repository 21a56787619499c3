package org.originhub.soap.security;

import java.util.ArrayList;
import java.util.List;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.saaj.SAAJInInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.WSS4JConstants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The shape of the Security header, checked before WSS4J processes it: one Security header for the hub, one
 * Timestamp, one Signature, and only the profile's algorithms. (The Envelope's own shape is checked while it is
 * read, by {@link EnvelopeShapeCheck}.) WSS4J would reject most of these too, but with one
 * undifferentiated error; checking here lets the fault tell the integrator exactly what to fix. WSS4J then verifies
 * with the same pins ({@link SecurityProfile#algorithmSuite()}).
 */
final class SecurityHeaderCheck extends AbstractSoapInterceptor {

    private static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    SecurityHeaderCheck() {
        super(Phase.PRE_PROTOCOL);
        addAfter(SAAJInInterceptor.class.getName());
        addBefore(WSS4JInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Element header = soapHeader(message);
        Element security = onlySecurityHeader(header);

        List<Element> timestamps = children(security, WSS4JConstants.WSU_NS, "Timestamp");
        if (timestamps.isEmpty()) {
            throw new SecurityHeaderException(FaultCode.TIMESTAMP_MISSING);
        }
        List<Element> signatures = children(security, WSS4JConstants.SIG_NS, "Signature");
        if (signatures.isEmpty()) {
            throw new SecurityHeaderException(FaultCode.SIGNATURE_MISSING);
        }
        if (timestamps.size() > 1 || signatures.size() > 1) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_INVALID);
        }
        checkAlgorithms(signatures.get(0));
    }

    private static Element soapHeader(SoapMessage message) {
        if (message.getContent(SOAPMessage.class) == null) {
            SAAJInInterceptor.INSTANCE.handleMessage(message);
        }
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        if (saaj == null) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_MISSING);
        }
        try {
            Object header = saaj.getSOAPHeader();
            return header == null ? null : (Element) DOMUtils.getDomElement((Node) header);
        } catch (SOAPException e) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_MISSING);
        }
    }

    private static Element onlySecurityHeader(Element header) {
        List<Element> securities = header == null ? List.of() : children(header, WSS4JConstants.WSSE_NS, "Security");
        if (securities.isEmpty()) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_MISSING);
        }
        Element security = securities.get(0);
        // A header for another actor would be skipped by WSS4J; the hub accepts none but its own.
        if (securities.size() > 1 || security.hasAttributeNS(SOAP11_NS, "actor")) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_INVALID);
        }
        return security;
    }

    private static void checkAlgorithms(Element signature) {
        Element signedInfo = single(signature, "SignedInfo");
        if (!SecurityProfile.C14N.equals(algorithm(single(signedInfo, "CanonicalizationMethod")))) {
            throw new SecurityHeaderException(FaultCode.CANONICALIZATION_NOT_ACCEPTED);
        }
        if (!SecurityProfile.SIGNATURE_METHODS.contains(algorithm(single(signedInfo, "SignatureMethod")))) {
            throw new SecurityHeaderException(FaultCode.SIGNATURE_ALGORITHM_NOT_ACCEPTED);
        }
        List<Element> references = children(signedInfo, WSS4JConstants.SIG_NS, "Reference");
        if (references.isEmpty()) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_INVALID);
        }
        for (Element reference : references) {
            for (Element transforms : children(reference, WSS4JConstants.SIG_NS, "Transforms")) {
                for (Element transform : children(transforms, WSS4JConstants.SIG_NS, "Transform")) {
                    if (!SecurityProfile.C14N.equals(algorithm(transform))) {
                        throw new SecurityHeaderException(FaultCode.CANONICALIZATION_NOT_ACCEPTED);
                    }
                }
            }
            if (!SecurityProfile.DIGEST_METHODS.contains(algorithm(single(reference, "DigestMethod")))) {
                throw new SecurityHeaderException(FaultCode.DIGEST_ALGORITHM_NOT_ACCEPTED);
            }
        }
    }

    private static Element single(Element parent, String localName) {
        List<Element> found = children(parent, WSS4JConstants.SIG_NS, localName);
        if (found.size() != 1) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_INVALID);
        }
        return found.get(0);
    }

    private static String algorithm(Element element) {
        return element.getAttributeNS(null, "Algorithm");
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && namespace.equals(child.getNamespaceURI())
                    && localName.equals(child.getLocalName())) {
                found.add((Element) child);
            }
        }
        return found;
    }
}
