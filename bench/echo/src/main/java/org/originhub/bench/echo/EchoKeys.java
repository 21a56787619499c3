package org.originhub.bench.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;

/**
 * The echo's key material, in one folder that the bench fills before the hub starts (its {@code EchoKeyMaker}) and
 * names to the echo with {@value #FOLDER} in the environment: the echo's key and the bench client's key, each a
 * PKCS#12 keystore under the one random password in {@value #PASSWORD}, and each side's certificate as PEM, which
 * the other side pins. Both ends read the folder through this class, so they agree on its layout.
 *
 * @param folder the folder holding the files
 */
public record EchoKeys(Path folder) {

    /** The environment variable naming the folder, for the echo in the hub's Payara Micro. */
    public static final String FOLDER = "BENCH_ECHO_KEYS";
    public static final String SERVER_KEYSTORE = "echo-server.p12";
    public static final String SERVER_CERTIFICATE = "echo-server.pem";
    public static final String CLIENT_KEYSTORE = "echo-client.p12";
    public static final String CLIENT_CERTIFICATE = "echo-client.pem";
    public static final String PASSWORD = "password";
    /** The alias of the key in either keystore. */
    public static final String ALIAS = "echo";

    /** The folder named by {@value #FOLDER}; unset or blank is an error, so the echo never starts without keys. */
    public static EchoKeys fromEnvironment() {
        String folder = System.getenv(FOLDER);
        if (folder == null || folder.isBlank()) {
            throw new IllegalStateException(FOLDER + " is not set: the bench echo has no keys (./hub bench makes them)");
        }
        return new EchoKeys(Path.of(folder));
    }

    /** The echo's signing key. */
    public GatewayKeystore server() {
        return GatewayKeystore.load(folder.resolve(SERVER_KEYSTORE), password(), ALIAS);
    }

    /** The bench client's signing key. */
    public GatewayKeystore client() {
        return GatewayKeystore.load(folder.resolve(CLIENT_KEYSTORE), password(), ALIAS);
    }

    /** What the client accepts the echo's answers from. */
    public PinnedCertificates serverCertificate() {
        return PinnedCertificates.fromFile(folder.resolve(SERVER_CERTIFICATE));
    }

    /** What the echo accepts requests from. */
    public PinnedCertificates clientCertificate() {
        return PinnedCertificates.fromFile(folder.resolve(CLIENT_CERTIFICATE));
    }

    private char[] password() {
        try {
            return Files.readString(folder.resolve(PASSWORD), StandardCharsets.US_ASCII).trim().toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException("the bench echo's key password cannot be read from " + folder, e);
        }
    }
}
