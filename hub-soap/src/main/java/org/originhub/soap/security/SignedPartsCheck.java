package org.originhub.soap.security;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Requires the signature to cover the message's real Body and its Timestamp (WSS4J verifies whatever a signature
 * references and does not care what that is). Coverage is checked by element identity: the elements the signature
 * resolved must be the very Body the endpoint will read and the very Timestamp WSS4J validated. A signed Body moved
 * into a wrapper, with a new Body put in its place, is signed but not <em>the</em> Body, and is refused.
 */
final class SignedPartsCheck extends AbstractSoapInterceptor {

    SignedPartsCheck() {
        super(Phase.PRE_PROTOCOL);
        addAfter(WSS4JInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        VerifiedSecurity verified = VerifiedSecurity.of(message);
        Set<Node> signed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (WSDataRef reference : verified.signedReferences()) {
            if (reference.getProtectedElement() != null) {
                signed.add(DOMUtils.getDomElement(reference.getProtectedElement()));
            }
        }
        if (!signed.contains(body(message))) {
            throw new SecurityHeaderException(FaultCode.BODY_NOT_SIGNED);
        }
        Element token = verified.timestampToken() == null ? null : verified.timestampToken().getElement();
        Node timestamp = token == null ? null : DOMUtils.getDomElement(token);
        if (timestamp == null || !signed.contains(timestamp)) {
            throw new SecurityHeaderException(FaultCode.TIMESTAMP_NOT_SIGNED);
        }
        Node parent = timestamp.getParentNode();
        if (!(parent instanceof Element security) || !WSS4JConstants.WSSE_NS.equals(security.getNamespaceURI())
                || !"Security".equals(security.getLocalName())) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_INVALID);
        }
    }

    /**
     * The Body the endpoint will read (SAAJ's), which must also be the Envelope's own Body element
     * ({@link EnvelopeShapeCheck} refused any soap:Body elsewhere).
     */
    private static Node body(SoapMessage message) {
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        try {
            Node body = saaj == null ? null : saaj.getSOAPBody();
            if (body == null) {
                throw new SecurityHeaderException(FaultCode.BODY_NOT_SIGNED);
            }
            Node domBody = DOMUtils.getDomElement(body);
            Node envelope = DOMUtils.getDomElement(saaj.getSOAPPart().getEnvelope());
            if (domBody.getParentNode() != envelope) {
                throw new SecurityHeaderException(FaultCode.ENVELOPE_INVALID);
            }
            return domBody;
        } catch (SOAPException e) {
            throw new SecurityHeaderException(FaultCode.ENVELOPE_INVALID);
        }
    }
}
