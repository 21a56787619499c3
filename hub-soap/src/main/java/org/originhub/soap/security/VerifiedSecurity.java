package org.originhub.soap.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.message.Message;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;

/**
 * What WSS4J verified in a request: its one signature and its one Timestamp. Built from the results WSS4J leaves on
 * the message; anything other than exactly one of each is refused, so that "the signer" is never ambiguous.
 */
record VerifiedSecurity(WSSecurityEngineResult signature, WSSecurityEngineResult timestamp) {

    static VerifiedSecurity of(Message message) {
        Object stored = message.get(WSHandlerConstants.RECV_RESULTS);
        if (!(stored instanceof List<?> handlerResults) || handlerResults.isEmpty()) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_MISSING);
        }
        List<WSSecurityEngineResult> signatures = new ArrayList<>();
        List<WSSecurityEngineResult> timestamps = new ArrayList<>();
        for (Object handlerResult : handlerResults) {
            WSHandlerResult result = (WSHandlerResult) handlerResult;
            signatures.addAll(result.getActionResults().getOrDefault(WSConstants.SIGN, List.of()));
            timestamps.addAll(result.getActionResults().getOrDefault(WSConstants.TS, List.of()));
        }
        if (signatures.isEmpty()) {
            throw new SecurityHeaderException(FaultCode.SIGNATURE_MISSING);
        }
        if (timestamps.isEmpty()) {
            throw new SecurityHeaderException(FaultCode.TIMESTAMP_MISSING);
        }
        if (handlerResults.size() != 1 || signatures.size() != 1 || timestamps.size() != 1) {
            throw new SecurityHeaderException(FaultCode.SECURITY_HEADER_INVALID);
        }
        return new VerifiedSecurity(signatures.get(0), timestamps.get(0));
    }

    /** The certificate whose key verified the signature, or null when the message carried none. */
    X509Certificate signer() {
        return (X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
    }

    byte[] signatureValue() {
        return (byte[]) signature.get(WSSecurityEngineResult.TAG_SIGNATURE_VALUE);
    }

    List<WSDataRef> signedReferences() {
        @SuppressWarnings("unchecked")
        List<WSDataRef> references = (List<WSDataRef>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
        return references == null ? List.of() : references;
    }

    Timestamp timestampToken() {
        return (Timestamp) timestamp.get(WSSecurityEngineResult.TAG_TIMESTAMP);
    }
}
