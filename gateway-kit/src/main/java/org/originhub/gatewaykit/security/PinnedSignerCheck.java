package org.originhub.gatewaykit.security;

import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * After {@link ProfileSignatureVerifier}: the message must have been signed by a pinned certificate, and that one
 * signature must cover the message's own Body and its Timestamp, compared by element identity (a signed Body moved
 * elsewhere and replaced by another is signed but not <em>the</em> Body: signature wrapping). On success the signer
 * is put on the message and its exchange as a {@link VerifiedSigner}.
 */
final class PinnedSignerCheck extends AbstractSoapInterceptor {

    private final PinnedCertificates pins;

    PinnedSignerCheck(PinnedCertificates pins) {
        super(Phase.PRE_PROTOCOL);
        addAfter(ProfileSignatureVerifier.class.getName());
        this.pins = pins;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        List<WSHandlerResult> results = CastUtils.cast((List<?>) message.get(WSHandlerConstants.RECV_RESULTS));
        List<WSSecurityEngineResult> signatures = actionResults(results, WSConstants.SIGN);
        List<WSSecurityEngineResult> timestamps = actionResults(results, WSConstants.TS);
        if (signatures.isEmpty()) {
            // Only a fault without a Security header gets here (WSS4J lets those through): say what it said.
            throw new UntrustedMessageException("The answer is an unsigned SOAP fault" + faultSummary(saaj)
                    + "; it cannot be attributed to the signer it should come from");
        }
        if (signatures.size() != 1 || timestamps.size() != 1) {
            throw new UntrustedMessageException("The message must carry exactly one Signature and one Timestamp");
        }
        WSSecurityEngineResult signature = signatures.get(0);
        X509Certificate signer = (X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
        if (signer == null) {
            throw new UntrustedMessageException("The signature names no X.509 certificate");
        }
        if (!pins.accepts(signer)) {
            throw new UntrustedMessageException("The message is signed by " + signer.getSubjectX500Principal()
                    .getName() + " (SHA-256 " + Sha256.fingerprint(signer) + "), which is not a pinned certificate "
                    + pins.fingerprints());
        }
        Set<Node> signed = Collections.newSetFromMap(new IdentityHashMap<>());
        List<WSDataRef> references = CastUtils.cast((List<?>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS));
        if (references != null) {
            for (WSDataRef reference : references) {
                if (reference.getProtectedElement() != null) {
                    signed.add(DOMUtils.getDomElement(reference.getProtectedElement()));
                }
            }
        }
        if (!signed.contains(body(saaj))) {
            throw new UntrustedMessageException("The signature does not cover the message's Body");
        }
        Timestamp timestamp = (Timestamp) timestamps.get(0).get(WSSecurityEngineResult.TAG_TIMESTAMP);
        Element timestampElement = timestamp == null ? null : timestamp.getElement();
        if (timestampElement == null || !signed.contains(DOMUtils.getDomElement(timestampElement))) {
            throw new UntrustedMessageException("The signature does not cover the message's Timestamp");
        }
        VerifiedSigner verified = new VerifiedSigner(signer, Sha256.fingerprint(signer));
        message.put(VerifiedSigner.PROPERTY, verified);
        if (message.getExchange() != null) {
            message.getExchange().put(VerifiedSigner.PROPERTY, verified);
        }
    }

    private static List<WSSecurityEngineResult> actionResults(List<WSHandlerResult> results, Integer action) {
        List<WSSecurityEngineResult> found = new java.util.ArrayList<>();
        if (results != null) {
            for (WSHandlerResult result : results) {
                List<WSSecurityEngineResult> ofAction = result.getActionResults().get(action);
                if (ofAction != null) {
                    found.addAll(ofAction);
                }
            }
        }
        return found;
    }

    /** The Body SAAJ hands to the binding, which must be the envelope's own child. */
    private static Node body(SOAPMessage saaj) {
        try {
            SOAPBody body = saaj == null ? null : saaj.getSOAPBody();
            if (body == null) {
                throw new UntrustedMessageException("The message has no Body");
            }
            Node domBody = DOMUtils.getDomElement(body);
            if (domBody.getParentNode() != DOMUtils.getDomElement(saaj.getSOAPPart().getEnvelope())) {
                throw new UntrustedMessageException("The message's Body is not where SOAP puts it");
            }
            return domBody;
        } catch (SOAPException e) {
            throw new UntrustedMessageException("The message cannot be read as SOAP", e);
        }
    }

    private static String faultSummary(SOAPMessage saaj) {
        try {
            SOAPFault fault = saaj == null || saaj.getSOAPBody() == null ? null : saaj.getSOAPBody().getFault();
            if (fault == null) {
                return "";
            }
            return " (" + fault.getFaultCodeAsQName().getLocalPart() + ": " + fault.getFaultString() + ")";
        } catch (SOAPException e) {
            return "";
        }
    }
}
