package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.apache.wss4j.dom.validate.NoOpValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What a gateway does with the hub's answer: verify its signature and that the hub's certificate made it. */
final class HubSignature {

    private HubSignature() {
    }

    static void assertSignedByHub(Document response, X509Certificate hubCertificate) {
        try {
            WSSConfig config = WSSConfig.getNewInstance();
            // Trust is pinned below (the signer must be the hub's certificate itself).
            config.setValidator(WSConstants.SIGNATURE, new NoOpValidator());
            WSSecurityEngine engine = new WSSecurityEngine();
            engine.setWssConfig(config);
            RequestData data = new RequestData();
            data.setWssConfig(config);
            data.setSigVerCrypto(new Merlin());
            WSHandlerResult result = engine.processSecurityHeader(response, data);
            assertThat(result).as("a Security header in the hub's answer").isNotNull();

            List<WSSecurityEngineResult> signatures = result.getActionResults().get(WSConstants.SIGN);
            assertThat(signatures).hasSize(1);
            WSSecurityEngineResult signature = signatures.get(0);
            assertThat(signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE)).isEqualTo(hubCertificate);
            assertThat(signature.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD))
                    .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");

            Set<Element> signed = Collections.newSetFromMap(new IdentityHashMap<>());
            @SuppressWarnings("unchecked")
            List<WSDataRef> references = (List<WSDataRef>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            for (WSDataRef reference : references) {
                signed.add(reference.getProtectedElement());
                assertThat(reference.getDigestAlgorithm()).isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
            }
            Timestamp timestamp = (Timestamp) result.getActionResults().get(WSConstants.TS).get(0)
                    .get(WSSecurityEngineResult.TAG_TIMESTAMP);
            assertThat(signed).as("Body and Timestamp signed")
                    .contains(SignedRequest.body(response), timestamp.getElement());
        } catch (Exception e) {
            throw new AssertionError("The hub's signature does not verify", e);
        }
    }
}
