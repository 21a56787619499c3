package org.originhub.soap.security;

import java.security.cert.X509Certificate;
import java.util.Set;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * On the hub's own client calls (pushes to gateways): the response must be signed by one of the certificates the
 * registry holds for the called gateway. The expected fingerprints travel with the call, so a response signed by any
 * other key, however valid, is a failed attempt.
 */
final class ResponseSignerCheck extends AbstractSoapInterceptor {

    private final Set<String> expectedFingerprints;

    ResponseSignerCheck(Set<String> expectedFingerprints) {
        super(Phase.PRE_PROTOCOL);
        addAfter(SignedPartsCheck.class.getName());
        this.expectedFingerprints = Set.copyOf(expectedFingerprints);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        X509Certificate signer = VerifiedSecurity.of(message).signer();
        if (signer == null || !expectedFingerprints.contains(SecurityProfile.fingerprint(signer))) {
            throw new UnknownSenderException(FaultCode.CERTIFICATE_NOT_REGISTERED);
        }
    }
}
