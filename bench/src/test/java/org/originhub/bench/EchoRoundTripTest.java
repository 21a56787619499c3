package org.originhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.bench.echo.EchoEndpoint;
import org.originhub.bench.echo.EchoKeys;
import org.originhub.bench.echo.EchoService;
import org.originhub.gatewaykit.simulator.SoapHttpServer;

/**
 * The bare echo as the bench uses it, over HTTP on loopback (the kit's SoapHttpServer standing in for Payara): keys
 * from {@link EchoKeyMaker}, the echo secured by {@link EchoService}, the bench's {@link EchoClient}.
 */
class EchoRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void aSignedRequestIsAnsweredWithItsPayloadSigned() throws Exception {
        EchoKeys keys = EchoKeyMaker.make(dir.resolve("keys"));
        try (SoapHttpServer server = SoapHttpServer.start("127.0.0.1", 0)) {
            String url = server.publish("/echo", new EchoEndpoint(),
                    e -> EchoService.secure(e, keys.server(), keys.clientCertificate()));
            try (EchoClient client = new EchoClient(url, keys.client(), keys.serverCertificate())) {
                assertThat(client.echo("certificate of origin")).isEqualTo("certificate of origin");
                assertThat(client.echo(EchoClient.PAYLOAD)).hasSize(1024);
            }
        }
    }

    @Test
    void aRequestSignedByAnotherKeyIsRefused() throws Exception {
        EchoKeys keys = EchoKeyMaker.make(dir.resolve("keys"));
        EchoKeys stranger = EchoKeyMaker.make(dir.resolve("other"));
        try (SoapHttpServer server = SoapHttpServer.start("127.0.0.1", 0)) {
            String url = server.publish("/echo", new EchoEndpoint(),
                    e -> EchoService.secure(e, keys.server(), keys.clientCertificate()));
            try (EchoClient client = new EchoClient(url, stranger.client(), keys.serverCertificate())) {
                assertThatThrownBy(() -> client.echo("x")).hasMessageContaining("not a pinned certificate");
            }
        }
    }

    @Test
    void theKeysAreTheOwnersOnlyAndEachSideReadsTheOthersCertificate() throws Exception {
        EchoKeys keys = EchoKeyMaker.make(dir.resolve("keys"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.folder())))
                .isEqualTo("rwx------");
        try (var files = Files.list(keys.folder())) {
            assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
        assertThat(keys.serverCertificate().accepts(keys.server().certificate())).isTrue();
        assertThat(keys.clientCertificate().accepts(keys.client().certificate())).isTrue();
        assertThat(keys.clientCertificate().accepts(keys.server().certificate())).isFalse();
    }
}
