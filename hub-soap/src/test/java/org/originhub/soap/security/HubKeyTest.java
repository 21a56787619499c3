package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.registry.testing.TestPki;

/**
 * The hub's signing key from the configured PKCS#12: loaded when it holds one strong enough key and its password is
 * given, refused otherwise (the development key has its own test, {@link DevelopmentHubKeyTest}).
 */
class HubKeyTest {

    private static final char[] PASSWORD = "store-password-1".toCharArray();

    @Test
    void theConfiguredKeystoreIsLoaded(@TempDir Path dir) throws Exception {
        TestPki.Issued hub = TestPki.selfSigned("CN=Origin Hub").build();
        Path store = Files.write(dir.resolve("hub.p12"), hub.pkcs12("any-alias", PASSWORD));

        HubKey key = HubKey.resolve(Optional.of(store.toString()), Optional.of(new String(PASSWORD)), Optional.empty());

        assertThat(key.certificate()).isEqualTo(hub.certificate());
        assertThat(key.fingerprint()).isEqualTo(SecurityProfile.fingerprint(hub.certificate()));
        assertThat(dir.resolve("keys")).doesNotExist();
    }

    @Test
    void aKeystoreWithoutItsPasswordStopsTheStart(@TempDir Path dir) throws Exception {
        Path store = Files.write(dir.resolve("hub.p12"), TestPki.selfSigned("CN=Origin Hub").build()
                .pkcs12("hub", PASSWORD));

        assertThatThrownBy(() -> HubKey.resolve(Optional.of(store.toString()), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(HubKey.KEYSTORE_PASSWORD);
    }

    @Test
    void aWrongPasswordStopsTheStartWithoutRevealingIt(@TempDir Path dir) throws Exception {
        Path store = Files.write(dir.resolve("hub.p12"), TestPki.selfSigned("CN=Origin Hub").build()
                .pkcs12("hub", PASSWORD));

        assertThatThrownBy(() -> HubKey.load(store, "not-the-password-42".toCharArray()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(HubKey.KEYSTORE_PASSWORD)
                .hasMessageNotContaining("not-the-password-42");
    }

    @Test
    void aKeystoreWithTwoKeysIsRefused(@TempDir Path dir) throws Exception {
        TestPki.Issued one = TestPki.selfSigned("CN=One").build();
        TestPki.Issued two = TestPki.selfSigned("CN=Two").build();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(one.pkcs12("one", PASSWORD)), PASSWORD);
        store.setKeyEntry("two", two.privateKey(), PASSWORD, new java.security.cert.Certificate[] {two.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        Path file = Files.write(dir.resolve("hub.p12"), out.toByteArray());

        assertThatThrownBy(() -> HubKey.load(file, PASSWORD)).hasMessageContaining("exactly one private key");
    }

    @Test
    void aKeyTooWeakForTheProfileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("hub.p12"),
                TestPki.selfSigned("CN=Weak").keys(TestPki.rsa(1024)).build().pkcs12("hub", PASSWORD));

        assertThatThrownBy(() -> HubKey.load(file, PASSWORD)).hasMessageContaining("2048");
    }
}
