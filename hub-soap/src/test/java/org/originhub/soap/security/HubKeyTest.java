package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.registry.testing.TestPki;

/** Where the hub's signing key comes from: the configured PKCS#12, or a development key generated once. */
class HubKeyTest {

    private static final char[] PASSWORD = "store-password-1".toCharArray();

    @Test
    void withoutAConfiguredKeystoreADevelopmentKeyIsGeneratedOnceUnderTheDataFolder(@TempDir Path data)
            throws Exception {
        HubKey first = HubKey.resolve(Optional.empty(), Optional.empty(), Optional.of(data.toString()));

        Path keys = data.resolve("keys");
        Path keystore = keys.resolve(HubKey.DEVELOPMENT_KEYSTORE);
        Path password = keys.resolve(HubKey.DEVELOPMENT_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("r--------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(Files.readString(password).trim()).hasSizeGreaterThanOrEqualTo(40);

        assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Origin Hub development key");
        assertThat(first.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) first.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(first.certificate().getNotAfter().toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(729)), Instant.now().plus(Duration.ofDays(731)));
        assertThat(first.fingerprint()).isEqualTo(SecurityProfile.fingerprint(first.certificate())).hasSize(64);

        HubKey again = HubKey.resolve(Optional.empty(), Optional.empty(), Optional.of(data.toString()));
        assertThat(again.fingerprint()).as("the same key on the next start").isEqualTo(first.fingerprint());
    }

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
