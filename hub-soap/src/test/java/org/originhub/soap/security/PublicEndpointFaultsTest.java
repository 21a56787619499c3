package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.originhub.hub.configuration.boundary.HubDescription;
import org.originhub.hub.configuration.boundary.HubStatus;
import org.originhub.soap.info.HubInfoEndpoint;
import org.originhub.soap.security.LocalHub.Reply;

/** The public hub information service needs no signature, yet its faults leak nothing either. */
class PublicEndpointFaultsTest {

    private static final String REQUEST = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soapenv:Body><i:GetHubInfoRequest xmlns:i=\"urn:originhub:info:v1\"/></soapenv:Body></soapenv:Envelope>";

    @Test
    void theInfoServiceAnswersUnsignedRequests() {
        try (LocalHub hub = new LocalHub(new HubInfoEndpoint(status(false)), SecurityPipeline::mapFaults)) {
            Reply reply = hub.send(SignedRequest.parse(REQUEST));

            assertThat(reply.isFault()).as(reply.text()).isFalse();
            assertThat(reply.text()).contains("Origin Hub test").doesNotContain("wsse:Security");
        }
    }

    @Test
    void aFailureBehindTheInfoServiceIsAnInternalErrorWithoutDetail() {
        try (LocalHub hub = new LocalHub(new HubInfoEndpoint(status(true)), SecurityPipeline::mapFaults)) {
            Reply reply = hub.send(SignedRequest.parse(REQUEST));

            assertThat(reply.faultCode()).isEqualTo(new QName(FaultCode.NAMESPACE, FaultCode.INTERNAL_ERROR_CODE));
            assertThat(reply.text()).doesNotContain("Exception", "java.", "jdbc:mysql", "Communications link");
        }
    }

    @Test
    void anUnknownOperationIsAnInvalidRequest() {
        try (LocalHub hub = new LocalHub(new HubInfoEndpoint(status(false)), SecurityPipeline::mapFaults)) {
            Reply reply = hub.send(SignedRequest.parse(REQUEST.replace("GetHubInfoRequest", "DropTables")));

            assertThat(reply.faultCode()).isEqualTo(new QName(FaultCode.NAMESPACE, FaultCode.INVALID_REQUEST_CODE));
            assertThat(reply.text()).doesNotContain("DropTables", "Exception", "java.");
        }
    }

    private static HubStatus status(boolean failing) {
        return new HubStatus() {
            @Override
            public HubDescription describe() {
                if (failing) {
                    throw new IllegalStateException("java.sql.SQLException: Communications link failure "
                            + "jdbc:mysql://10.0.0.5/hub");
                }
                return new HubDescription("Origin Hub test", "1.0", "instance", Instant.EPOCH, "node-1",
                        Instant.now());
            }
        };
    }
}
