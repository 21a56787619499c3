package org.originhub.gatewaykit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.originhub.gatewaykit.security.GatewayKeystore;
import org.originhub.gatewaykit.security.PinnedCertificates;
import org.originhub.gatewaykit.security.Sha256;
import org.originhub.registry.testing.TestPki;
import org.originhub.soap.security.HubKey;
import org.originhub.soap.security.ReplayGuard;
import org.originhub.soap.security.SenderDirectory;
import org.originhub.soap.security.SenderStanding;

/**
 * A small community for the kit's tests, with real keys: a community CA, the hub's own (self-signed) key as the hub
 * loads it ({@link HubKey}), registered gateways of Kenya and Tanzania, a gateway certificate from the CA that is not
 * registered, and one from a CA nobody trusts. Keystores are real PKCS#12 files in a temporary folder, opened the
 * way a member state opens them.
 */
public final class TestCommunity {

    public static final char[] PASSWORD = "kit-test-password".toCharArray();

    public final Path folder;
    public final TestPki.Issued ca;
    public final TestPki.Issued hubIssued;
    public final HubKey hubKey;
    public final Path hubKeystore;
    public final Path hubCertificatePem;
    public final TestPki.Issued kenyaIssued;
    public final TestPki.Issued tanzaniaIssued;
    public final TestPki.Issued strangerIssued;
    public final TestPki.Issued outsiderIssued;
    public final Path kenyaKeystore;
    public final Path tanzaniaKeystore;
    public final Path strangerKeystore;
    public final Path outsiderKeystore;

    private final Map<String, SenderStanding> registered = new ConcurrentHashMap<>();

    public TestCommunity(Path folder) {
        this.folder = folder;
        ca = TestPki.ca("CN=Kit Test Community CA");
        hubIssued = TestPki.selfSigned("CN=Kit Test Hub").build();
        hubKeystore = write("hub.p12", hubIssued.pkcs12("origin-hub", PASSWORD));
        hubKey = HubKey.load(hubKeystore, PASSWORD);
        hubCertificatePem = write("hub.pem", hubIssued.pem().getBytes(StandardCharsets.US_ASCII));
        kenyaIssued = TestPki.leaf(ca, "CN=gw.ke,O=Kenya Revenue Authority,C=KE").build();
        tanzaniaIssued = TestPki.leaf(ca, "CN=gw.tz,O=Tanzania Revenue Authority,C=TZ").build();
        strangerIssued = TestPki.leaf(ca, "CN=gw.unregistered").build();
        outsiderIssued = TestPki.leaf(TestPki.ca("CN=Somebody Else's CA"), "CN=gw.outsider").build();
        kenyaKeystore = write("ke.p12", kenyaIssued.pkcs12("gateway", PASSWORD));
        tanzaniaKeystore = write("tz.p12", tanzaniaIssued.pkcs12("gateway", PASSWORD));
        strangerKeystore = write("stranger.p12", strangerIssued.pkcs12("gateway", PASSWORD));
        outsiderKeystore = write("outsider.p12", outsiderIssued.pkcs12("gateway", PASSWORD));
        registered.put(Sha256.fingerprint(kenyaIssued.certificate()), SenderStanding.active("KE", "1"));
        registered.put(Sha256.fingerprint(tanzaniaIssued.certificate()), SenderStanding.active("TZ", "2"));
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(folder.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GatewayKeystore kenya() {
        return GatewayKeystore.load(kenyaKeystore, PASSWORD, null);
    }

    public GatewayKeystore tanzania() {
        return GatewayKeystore.load(tanzaniaKeystore, PASSWORD, null);
    }

    public GatewayKeystore stranger() {
        return GatewayKeystore.load(strangerKeystore, PASSWORD, null);
    }

    public GatewayKeystore outsider() {
        return GatewayKeystore.load(outsiderKeystore, PASSWORD, null);
    }

    /** What a gateway pins: the hub's certificate. */
    public PinnedCertificates hubPin() {
        return PinnedCertificates.of(hubKey.certificate());
    }

    /** The registry as the hub's pipeline sees it. */
    public SenderDirectory directory() {
        return new SenderDirectory() {
            @Override
            public Collection<X509Certificate> trustAnchors() {
                return List.of(ca.certificate());
            }

            @Override
            public SenderStanding lookup(String certificateFingerprint) {
                return registered.getOrDefault(certificateFingerprint, SenderStanding.unknown());
            }
        };
    }

    /** A replay guard that remembers in memory, as the hub's database one does across nodes. */
    public static ReplayGuard replayGuard() {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        return (digest, keepUntil) -> seen.putIfAbsent(digest, keepUntil) == null;
    }
}
