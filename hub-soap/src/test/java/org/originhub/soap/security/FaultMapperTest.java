package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.junit.jupiter.api.Test;

/** How failures are classified: what the pipeline tests cannot provoke through a real message. */
class FaultMapperTest {

    private static final QName SOAP_CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");

    @Test
    void aRejectionKeepsItsCodeWhereverItIsWrapped() {
        Fault wrapped = new Fault(new RuntimeException(new SenderNotActiveException(FaultCode.GATEWAY_SUSPENDED)));

        assertThat(FaultMapper.classify(wrapped)).isEqualTo(FaultCode.GATEWAY_SUSPENDED);
    }

    @Test
    void wss4jErrorsAreSecurityErrors() {
        assertThat(FaultMapper.classify(new SoapFault("x", new WSSecurityException(
                WSSecurityException.ErrorCode.FAILED_CHECK), SOAP_CLIENT))).isEqualTo(FaultCode.SIGNATURE_INVALID);
        assertThat(FaultMapper.classify(new WSSecurityException(WSSecurityException.ErrorCode.SECURITY_TOKEN_UNAVAILABLE)))
                .isEqualTo(FaultCode.SIGNER_TOKEN_INVALID);
        assertThat(FaultMapper.classify(new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY)))
                .isEqualTo(FaultCode.SECURITY_HEADER_INVALID);
    }

    @Test
    void aClientFaultFromCxfIsAnInvalidRequest() {
        assertThat(FaultMapper.classify(new SoapFault("Unexpected wrapper element", SOAP_CLIENT)))
                .isEqualTo(FaultCode.INVALID_REQUEST);
    }

    @Test
    void aBugOfTheHubIsAnInternalErrorEvenUnderAClientCode() {
        assertThat(FaultMapper.classify(new SoapFault("x", new NullPointerException(), SOAP_CLIENT)))
                .isEqualTo(FaultCode.INTERNAL_ERROR);
        assertThat(FaultMapper.classify(new Fault(new IllegalStateException("boom"))))
                .isEqualTo(FaultCode.INTERNAL_ERROR);
    }

    @Test
    void everyReasonIsFitForAnIntegrator() {
        for (FaultCode code : FaultCode.values()) {
            assertThat(code.reason()).as(code.name()).isNotBlank().doesNotContain("Exception", "java.", "null");
            assertThat(code.qname().getNamespaceURI()).isEqualTo(FaultCode.NAMESPACE);
        }
    }
}
