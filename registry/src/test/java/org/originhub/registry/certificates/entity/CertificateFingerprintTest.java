package org.originhub.registry.certificates.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.originhub.registry.testing.TestPki;

class CertificateFingerprintTest {

    // SHA-256 of zero bytes: a published vector, so the digest is checked against something other than itself.
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void isTheSha256OfTheDerInLowercaseHex() {
        assertThat(CertificateFingerprint.of(new byte[0]).hex()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void ofCertificateHashesItsDerEncoding() {
        TestPki.Issued certificate = TestPki.selfSigned("CN=fingerprint").build();

        CertificateFingerprint fingerprint = CertificateFingerprint.of(certificate.certificate());

        assertThat(fingerprint).isEqualTo(CertificateFingerprint.of(certificate.der()));
        assertThat(fingerprint.hex()).hasSize(64).matches("[0-9a-f]+");
        assertThat(fingerprint).isNotEqualTo(CertificateFingerprint.of(TestPki.selfSigned("CN=other").build().der()));
    }

    @Test
    void toStringIsTheHex() {
        assertThat(CertificateFingerprint.of(new byte[0])).hasToString(EMPTY_SHA256);
    }

    @Test
    void parsesUppercase() {
        assertThat(CertificateFingerprint.parse(EMPTY_SHA256.toUpperCase()).hex()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void parsesColonSeparatedPairsAsOpensslPrintsThem() {
        String openssl = EMPTY_SHA256.toUpperCase().replaceAll("(..)(?!$)", "$1:");
        assertThat(openssl).startsWith("E3:B0:C4:");

        assertThat(CertificateFingerprint.parse(openssl).hex()).isEqualTo(EMPTY_SHA256);
        assertThat(CertificateFingerprint.parse(openssl.toLowerCase()).hex()).isEqualTo(EMPTY_SHA256);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "e3b0", EMPTY_SHA256 + "00", " " + EMPTY_SHA256, EMPTY_SHA256 + "\n",
        "sha256:" + EMPTY_SHA256, "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "e3:b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "e3 b0 c4 42 98 fc 1c 14 9a fb f4 c8 99 6f b9 24 27 ae 41 e4 64 9b 93 4c a4 95 99 1b 78 52 b8 55"})
    void parseRejectsAnythingElse(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateFingerprint.parse(text))
                .withMessageContaining("Not a SHA-256 certificate fingerprint");
    }

    @Test
    void theCanonicalConstructorAcceptsOnlyTheOneSpelling() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CertificateFingerprint(EMPTY_SHA256.toUpperCase()))
                .withMessageContaining("64 lowercase hex digits");
    }
}
