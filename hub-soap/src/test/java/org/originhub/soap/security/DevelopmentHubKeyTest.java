package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a configured keystore the hub generates its development key once, owner-only, and reuses it. */
class DevelopmentHubKeyTest {

    @Test
    void withoutAConfiguredKeystoreADevelopmentKeyIsGeneratedOnceUnderTheDataFolder(@TempDir Path data)
            throws Exception {
        HubKey first = HubKey.resolve(Optional.empty(), Optional.empty(), Optional.of(data.toString()));

        Path keys = data.resolve("keys");
        Path keystore = keys.resolve(DevelopmentHubKey.KEYSTORE_FILE);
        Path password = keys.resolve(DevelopmentHubKey.PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("r--------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(Files.readString(password).trim()).hasSizeGreaterThanOrEqualTo(40);

        assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo(DevelopmentHubKey.SUBJECT);
        assertThat(first.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) first.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(first.certificate().getNotAfter().toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(729)), Instant.now().plus(Duration.ofDays(731)));
        assertThat(first.fingerprint()).isEqualTo(SecurityProfile.fingerprint(first.certificate())).hasSize(64);

        HubKey again = HubKey.resolve(Optional.empty(), Optional.empty(), Optional.of(data.toString()));
        assertThat(again.fingerprint()).as("the same key on the next start").isEqualTo(first.fingerprint());
    }

    @Test
    void aGeneratedKeyHasTheSizeHubDevKeyBitsNamesAndAnExistingKeyKeepsItsOwn(@TempDir Path data) {
        HubKey small = HubKey.resolve(Optional.empty(), Optional.empty(), Optional.of(data.toString()),
                Optional.of("2048"));
        assertThat(((RSAPublicKey) small.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);

        HubKey again = HubKey.resolve(Optional.empty(), Optional.empty(), Optional.of(data.toString()),
                Optional.of("4096"));
        assertThat(again.fingerprint()).as("the key there is used as it is").isEqualTo(small.fingerprint());
    }

    @Test
    void anUnsetKeySizeIsTheDefaultAndAnyOtherThanTheListedSizesStopsTheStart() {
        assertThat(DevelopmentHubKey.bits(Optional.empty())).isEqualTo(3072);
        assertThat(DevelopmentHubKey.bits(Optional.of(" "))).isEqualTo(3072);
        assertThat(DevelopmentHubKey.bits(Optional.of("4096"))).isEqualTo(4096);
        for (String wrong : new String[] {"1024", "3000", "2048 bits", "-2048"}) {
            assertThatThrownBy(() -> DevelopmentHubKey.bits(Optional.of(wrong))).as(wrong)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("HUB_DEV_KEY_BITS");
        }
    }

    @Test
    void aKeyMissingItsPasswordFileIsGeneratedAfresh(@TempDir Path data) {
        HubKey first = DevelopmentHubKey.openOrGenerate(data);
        Path keys = data.resolve("keys");
        Path password = keys.resolve(DevelopmentHubKey.PASSWORD_FILE);

        assertThat(password.toFile().delete()).isTrue();
        HubKey second = DevelopmentHubKey.openOrGenerate(data);

        assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(password).exists();
        assertThat(keys).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }
}
