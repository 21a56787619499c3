package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.registry.testing.TestPki;
import org.originhub.soap.security.LocalHub.Reply;
import org.w3c.dom.Document;

/**
 * Every request the pipeline refuses is reported to the {@link RejectionLog} (the hub audits it), with the signer
 * when one could be established; accepted requests are not.
 */
class RejectionLogTest {

    private static final char[] PASSWORD = "hub-test-password".toCharArray();
    private static final List<RejectionLog.Rejection> REPORTED = new CopyOnWriteArrayList<>();
    private static final TestDirectory DIRECTORY = new TestDirectory();
    private static TestPki.Issued communityCa;
    private static TestPki.Issued gateway;
    private static LocalHub localHub;

    @BeforeAll
    static void publish(@TempDir Path keys) throws Exception {
        communityCa = TestPki.ca("CN=Community Gateway CA");
        gateway = TestPki.leaf(communityCa, "CN=gw1.ke.example").build();
        TestPki.Issued hub = TestPki.selfSigned("CN=Origin Hub test key").build();
        Path store = keys.resolve("hub.p12");
        Files.write(store, hub.pkcs12("hub", PASSWORD));
        SecurityPipeline pipeline = new SecurityPipeline(DIRECTORY, new InMemoryReplayGuard(),
                HubKey.load(store, PASSWORD), REPORTED::add);
        localHub = new LocalHub(pipeline);
    }

    @AfterAll
    static void stop() {
        localHub.close();
    }

    @BeforeEach
    void reset() {
        REPORTED.clear();
        DIRECTORY.reset();
        DIRECTORY.trust(communityCa);
        localHub.endpoint.invocations.set(0);
    }

    @Test
    void anAcceptedRequestIsNotReported() {
        DIRECTORY.register(gateway, SenderStanding.active("KE", "7"));

        Reply reply = localHub.send(SignedRequest.signedBy(gateway).text("fine").build());

        assertThat(reply.isFault()).as(reply.text()).isFalse();
        assertThat(REPORTED).isEmpty();
    }

    @Test
    void anUnregisteredSignerIsReportedWithItsFingerprintAndTheFaultCode() {
        Reply reply = localHub.send(SignedRequest.signedBy(gateway).build());

        assertThat(reply.faultCode().getLocalPart()).isEqualTo("UnknownSender");
        assertThat(REPORTED).hasSize(1);
        RejectionLog.Rejection rejection = REPORTED.get(0);
        assertThat(rejection.code()).isEqualTo("UnknownSender");
        assertThat(rejection.reason()).isEqualTo(reply.faultString());
        assertThat(rejection.signerFingerprint()).isEqualTo(SecurityProfile.fingerprint(gateway.certificate()));
        assertThat(rejection.signerMember()).isNull();
    }

    @Test
    void aTamperedRequestIsReportedAsASecurityError() {
        DIRECTORY.register(gateway, SenderStanding.active("KE", "7"));
        Document request = SignedRequest.signedBy(gateway).text("10 tonnes").build();
        SignedRequest.textElement(request).setTextContent("99 tonnes");

        Reply reply = localHub.send(request);

        assertThat(reply.faultCode().getLocalPart()).isEqualTo("SecurityError");
        assertThat(REPORTED).extracting(RejectionLog.Rejection::code).containsExactly("SecurityError");
        assertThat(localHub.invocations()).isZero();
    }
}
