package org.originhub.registry.certificates.control;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.security.cert.X509CRL;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originhub.registry.testing.TestPki;

class CertificateDecoderTest {

    private static TestPki.Issued ca;
    private static TestPki.Issued gateway;

    @BeforeAll
    static void issue() {
        ca = TestPki.ca("CN=Decoder CA");
        gateway = TestPki.leaf(ca, "CN=gw.decoder").build();
    }

    private static Refusal refusalOf(byte[] data, String expectedDetail) {
        return assertThatExceptionOfType(CertificateRejectedException.class)
                .isThrownBy(() -> CertificateDecoder.certificate(data))
                .withMessageContaining(expectedDetail)
                .actual().refusal();
    }

    @Test
    void readsPem() {
        assertThat(CertificateDecoder.certificate(gateway.pem().getBytes(US_ASCII)))
                .isEqualTo(gateway.certificate());
    }

    @Test
    void readsDer() {
        assertThat(CertificateDecoder.certificate(gateway.der())).isEqualTo(gateway.certificate());
    }

    @Test
    void readsPemWithTheTextOpensslPrintsAroundIt() {
        String withText = "subject=CN = gw.decoder\r\nissuer=CN = Decoder CA\r\n"
                + gateway.pem().replace("\n", "\r\n") + "trailing note\n";

        assertThat(CertificateDecoder.certificate(withText.getBytes(US_ASCII))).isEqualTo(gateway.certificate());
    }

    @Test
    void refusesEmptyInput() {
        assertThat(refusalOf(new byte[0], "empty")).isEqualTo(Refusal.UNPARSEABLE);
        assertThat(refusalOf(null, "empty")).isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void refusesGarbage() {
        assertThat(refusalOf("hello, not a certificate".getBytes(US_ASCII), "neither a PEM nor a DER certificate"))
                .isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void refusesGarbageThatLooksLikeDer() {
        assertThat(refusalOf(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, "not a valid X.509 certificate"))
                .isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void refusesTwoCertificatesInOnePem() {
        byte[] two = (gateway.pem() + TestPki.pem(ca.certificate())).getBytes(US_ASCII);

        assertThat(refusalOf(two, "holds 2 certificates; submit exactly one certificate"))
                .isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void refusesDataAfterADerCertificate() {
        byte[] der = gateway.der();
        byte[] twice = Arrays.copyOf(der, der.length * 2);
        System.arraycopy(der, 0, twice, der.length, der.length);

        assertThat(refusalOf(twice, "continues for " + der.length + " bytes after the certificate"))
                .isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void refusesAPrivateKeyAndSaysItShouldBeReplaced() {
        String key = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(gateway.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        byte[] certificateAndKey = (gateway.pem() + key).getBytes(US_ASCII);

        CertificateRejectedException refused = assertThatExceptionOfType(CertificateRejectedException.class)
                .isThrownBy(() -> CertificateDecoder.certificate(certificateAndKey))
                .actual();

        assertThat(refused.refusal()).isEqualTo(Refusal.UNPARSEABLE);
        assertThat(refused.getMessage()).contains("contains a private key", "should be replaced")
                .doesNotContain(Base64.getMimeEncoder().encodeToString(gateway.privateKey().getEncoded())
                        .substring(0, 40));
        assertThat(refused.facts()).isEmpty();
    }

    @Test
    void refusesAPemBlockOfAnotherKind() {
        String publicKey = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(gateway.keys().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThat(refusalOf(publicKey.getBytes(US_ASCII), "holds PUBLIC KEY instead of a certificate"))
                .isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void refusesACutOffPem() {
        String cut = gateway.pem().substring(0, gateway.pem().indexOf("-----END"));

        assertThat(refusalOf(cut.getBytes(US_ASCII), "has no matching -----END line")).isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void refusesAPemBodyThatIsNotBase64() {
        byte[] broken = "-----BEGIN CERTIFICATE-----\nMIIB*not*base64\n-----END CERTIFICATE-----\n".getBytes(US_ASCII);

        assertThat(refusalOf(broken, "not valid base64")).isEqualTo(Refusal.UNPARSEABLE);
    }

    @Test
    void readsACrlFromPemAndDer() throws Exception {
        X509CRL crl = TestPki.crl(ca, gateway.certificate());

        assertThat(CertificateDecoder.crl(TestPki.pem(crl).getBytes(US_ASCII))).isEqualTo(crl);
        assertThat(CertificateDecoder.crl(crl.getEncoded())).isEqualTo(crl);
    }

    @Test
    void refusesACertificateOfferedAsCrl() {
        assertThatExceptionOfType(CrlRejectedException.class)
                .isThrownBy(() -> CertificateDecoder.crl(gateway.pem().getBytes(US_ASCII)))
                .withMessageContaining("holds CERTIFICATE instead of a CRL")
                .extracting(CrlRejectedException::refusal).isEqualTo(CrlRefusal.UNPARSEABLE);
        assertThatExceptionOfType(CrlRejectedException.class)
                .isThrownBy(() -> CertificateDecoder.crl(gateway.der()))
                .withMessageContaining("not a valid X.509 CRL")
                .extracting(CrlRejectedException::refusal).isEqualTo(CrlRefusal.UNPARSEABLE);
    }
}
