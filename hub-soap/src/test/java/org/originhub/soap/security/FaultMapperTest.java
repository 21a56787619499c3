package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void aDatabaseOutageIsServiceUnavailableAndNotRecordedInTheUnavailableDatabase() {
        java.util.List<RejectionLog.Rejection> recorded = new java.util.ArrayList<>();
        FaultMapper mapper = new FaultMapper(recorded::add);

        Message outage = faultOf(new Fault(new RuntimeException(
                new java.sql.SQLNonTransientConnectionException("Communications link failure", "08S01"))));
        mapper.handleMessage(outage);
        Message bug = faultOf(new Fault(new IllegalStateException("a bug")));
        mapper.handleMessage(bug);

        assertThat(((SoapFault) outage.getContent(Exception.class)).getFaultCode().getLocalPart())
                .isEqualTo("ServiceUnavailable");
        assertThat(recorded).extracting(RejectionLog.Rejection::code).containsExactly("InternalError");
    }

    /**
     * What a Galera node failure and Connector/J's failover raise reaches the gateway as ServiceUnavailable, which it
     * resends, never as InternalError.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1047 | 08S01 | WSREP has not yet prepared node for application use
            1180 | HY000 | Got error 6 during COMMIT
            1213 | 40001 | WSREP detected deadlock/conflict and aborted the transaction
            1927 | 70100 | Connection was killed
            2013 | HY000 | Lost connection to server during query
            0    | 08S01 | Communications link failure
            """)
    void aGaleraFailoverIsServiceUnavailable(int code, String state, String message) {
        Exception thrown = new Fault(new EJBException(new PersistenceException(
                new SQLException(message, state, code))));

        assertThat(FaultMapper.classify(thrown)).isEqualTo(FaultCode.SERVICE_UNAVAILABLE);
    }

    /** Found by FaultInjectionIT: the connection broke at commit, under the container's transaction. */
    @Test
    void aTransactionTheDatabaseCouldNotCompleteIsServiceUnavailable() {
        javax.transaction.xa.XAException atCommit = new javax.transaction.xa.XAException(
                "jakarta.resource.spi.LocalTransactionException: Communications link failure");
        Exception thrown = new Fault(new RuntimeException("Unable to complete container-managed transaction.",
                new IllegalStateException("SystemException", atCommit)));

        assertThat(FaultMapper.classify(thrown)).isEqualTo(FaultCode.SERVICE_UNAVAILABLE);
    }

    /** Found by the Jazzer run: a header element name the StAX reader accepts but CXF's DOM refuses. */
    @Test
    void aRequestWhoseNamesTheDomRefusesIsAnInvalidRequestNotAnInternalError() {
        java.util.List<RejectionLog.Rejection> recorded = new java.util.ArrayList<>();
        Message refused = faultOf(new Fault(new org.w3c.dom.DOMException(org.w3c.dom.DOMException.INVALID_CHARACTER_ERR,
                "INVALID_CHARACTER_ERR: An invalid or illegal XML character is specified.")));

        new FaultMapper(recorded::add).handleMessage(refused);

        assertThat(((SoapFault) refused.getContent(Exception.class)).getFaultCode().getLocalPart())
                .isEqualTo("InvalidRequest");
        assertThat(recorded).extracting(RejectionLog.Rejection::code).containsExactly("InvalidRequest");
    }

    /** Found by the Jazzer run: Woodstox throws IllegalStateException on a malformed processing instruction. */
    @Test
    void aRequestTheXmlReaderGivesUpOnIsAnInvalidRequestNotAnInternalError() {
        IllegalStateException fromWoodstox = new IllegalStateException("Current event not PROCESSING_INSTRUCTION");
        fromWoodstox.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.ctc.wstx.sr.BasicStreamReader",
                "getPITarget", "BasicStreamReader.java", 870)});
        Message refused = faultOf(new Fault(fromWoodstox));
        Message bug = faultOf(new Fault(new IllegalStateException("a bug of the hub")));

        new FaultMapper(RejectionLog.NONE).handleMessage(refused);
        new FaultMapper(RejectionLog.NONE).handleMessage(bug);

        assertThat(((SoapFault) refused.getContent(Exception.class)).getFaultCode().getLocalPart())
                .isEqualTo("InvalidRequest");
        assertThat(((SoapFault) bug.getContent(Exception.class)).getFaultCode().getLocalPart())
                .isEqualTo("InternalError");
    }

    private static Message faultOf(Exception thrown) {
        Exchange exchange = new ExchangeImpl();
        Message in = new MessageImpl();
        exchange.setInMessage(in);
        in.setExchange(exchange);
        Message fault = new MessageImpl();
        fault.setExchange(exchange);
        fault.setContent(Exception.class, thrown);
        return fault;
    }
}
