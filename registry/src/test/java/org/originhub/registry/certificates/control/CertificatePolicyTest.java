package org.originhub.registry.certificates.control;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.originhub.registry.certificates.entity.CertificateFingerprint;
import org.originhub.registry.testing.TestPki;

class CertificatePolicyTest {

    private static final Instant NOW = Instant.now();
    private static final Predicate<CertificateFingerprint> NOTHING_REGISTERED = fingerprint -> false;

    private static TestPki.Issued communityCa;
    private static TestPki.Issued nationalCa;
    private static TrustMaterial trust;

    @BeforeAll
    static void anchors() {
        communityCa = TestPki.ca("CN=Community CA,O=Economic Community");
        nationalCa = TestPki.ca("CN=National CA,O=Kenya Revenue Authority,C=KE");
        trust = TrustMaterial.of(List.of(communityCa.certificate(), nationalCa.certificate()));
    }

    private static AcceptedCertificate check(byte[] encoded) {
        return CertificatePolicy.check(encoded, trust, NOTHING_REGISTERED, NOW);
    }

    private static CertificateRejectedException refused(ThrowingCallable check) {
        CertificateRejectedException refused = catchThrowableOfType(CertificateRejectedException.class, check);
        assertThat(refused).as("the certificate should have been refused").isNotNull();
        return refused;
    }

    private static String time(Date date) {
        return date.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Nested
    class GatewayAndSignerCertificates {

        @Test
        void acceptsRsa2048FromPem() {
            TestPki.Issued gateway = TestPki.leaf(nationalCa, "CN=gw.ke,O=Kenya Revenue Authority,C=KE").build();

            AcceptedCertificate accepted = check(gateway.pem().getBytes(US_ASCII));

            CertificateFacts facts = accepted.facts();
            assertThat(accepted.certificate()).isEqualTo(gateway.certificate());
            assertThat(accepted.anchor()).isEqualTo(CertificateFingerprint.of(nationalCa.certificate()));
            assertThat(accepted.der()).isEqualTo(gateway.der());
            assertThat(facts.fingerprint()).isEqualTo(CertificateFingerprint.of(gateway.der()));
            assertThat(facts.subject()).isEqualTo("CN=gw.ke,O=Kenya Revenue Authority,C=KE");
            assertThat(facts.issuer()).isEqualTo("CN=National CA,O=Kenya Revenue Authority,C=KE");
            assertThat(facts.serialHex()).isEqualTo(gateway.certificate().getSerialNumber().toString(16));
            assertThat(facts.notBefore()).isEqualTo(gateway.certificate().getNotBefore().toInstant());
            assertThat(facts.notAfter()).isEqualTo(gateway.certificate().getNotAfter().toInstant());
            assertThat(facts.keyAlgorithm()).isEqualTo("RSA");
            assertThat(facts.keySize()).isEqualTo(2048);
            assertThat(facts.ca()).isFalse();
        }

        @Test
        void acceptsRsa2048FromDer() {
            TestPki.Issued gateway = TestPki.leaf(communityCa, "CN=gw.tz").build();

            AcceptedCertificate accepted = check(gateway.der());

            assertThat(accepted.facts().fingerprint()).isEqualTo(CertificateFingerprint.of(gateway.der()));
            assertThat(accepted.anchor()).isEqualTo(CertificateFingerprint.of(communityCa.certificate()));
        }

        @Test
        void acceptsEcP256() {
            TestPki.Issued signer = TestPki.leaf(communityCa, "CN=signer.ug").keys(TestPki.ec("secp256r1")).build();

            AcceptedCertificate accepted = check(signer.der());

            assertThat(accepted.facts().keyAlgorithm()).isEqualTo("EC");
            assertThat(accepted.facts().keySize()).isEqualTo(256);
        }

        @Test
        void acceptsEcP384() {
            TestPki.Issued signer = TestPki.leaf(communityCa, "CN=signer.rw").keys(TestPki.ec("secp384r1")).build();

            assertThat(check(signer.der()).facts().keySize()).isEqualTo(384);
        }

        @Test
        void acceptsNonRepudiationAloneAsSigningUsage() {
            TestPki.Issued signer = TestPki.leaf(communityCa, "CN=official.bi").keyUsage(KeyUsage.nonRepudiation)
                    .build();

            assertThat(check(signer.der()).certificate()).isEqualTo(signer.certificate());
        }

        @Test
        void refusesGarbage() {
            CertificateRejectedException refused = refused(() -> check("not a certificate".getBytes(US_ASCII)));

            assertThat(refused.refusal()).isEqualTo(Refusal.UNPARSEABLE);
            assertThat(refused.getMessage()).contains("neither a PEM nor a DER certificate");
            assertThat(refused.facts()).isEmpty();
        }

        @Test
        void refusesEmptyInput() {
            CertificateRejectedException refused = refused(() -> check(new byte[0]));

            assertThat(refused.refusal()).isEqualTo(Refusal.UNPARSEABLE);
            assertThat(refused.getMessage()).contains("empty");
        }

        @Test
        void refusesTwoCertificatesInOnePem() {
            TestPki.Issued first = TestPki.leaf(communityCa, "CN=gw.one").build();
            TestPki.Issued second = TestPki.leaf(communityCa, "CN=gw.two").build();

            CertificateRejectedException refused = refused(
                    () -> check((first.pem() + second.pem()).getBytes(US_ASCII)));

            assertThat(refused.refusal()).isEqualTo(Refusal.UNPARSEABLE);
            assertThat(refused.getMessage()).contains("2 certificates", "exactly one");
        }

        @Test
        void refusesAnExpiredCertificateAndSaysWhenItExpired() {
            TestPki.Issued old = TestPki.leaf(communityCa, "CN=gw.old")
                    .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))).build();

            CertificateRejectedException refused = refused(() -> check(old.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.EXPIRED);
            assertThat(refused.getMessage())
                    .contains("CN=gw.old", "expired on " + time(old.certificate().getNotAfter()));
            assertThat(refused.facts()).map(CertificateFacts::fingerprint)
                    .contains(CertificateFingerprint.of(old.der()));
        }

        @Test
        void refusesANotYetValidCertificateAndSaysFromWhen() {
            TestPki.Issued future = TestPki.leaf(communityCa, "CN=gw.future")
                    .validity(NOW.plus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(300))).build();

            CertificateRejectedException refused = refused(() -> check(future.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_YET_VALID);
            assertThat(refused.getMessage())
                    .contains("CN=gw.future", "not valid before " + time(future.certificate().getNotBefore()));
        }

        @Test
        void refusesACertificateOfAnUnknownCa() {
            TestPki.Issued unknownCa = TestPki.ca("CN=Unknown CA");
            TestPki.Issued stranger = TestPki.leaf(unknownCa, "CN=gw.stranger").build();

            CertificateRejectedException refused = refused(() -> check(stranger.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_TRUSTED);
            assertThat(refused.getMessage())
                    .contains("CN=gw.stranger", "issued by CN=Unknown CA", "not an active trust anchor");
        }

        @Test
        void refusesACertificateFromAnImpostorCaUsingAnAnchorsName() {
            TestPki.Issued impostor = TestPki.ca("CN=Community CA,O=Economic Community");
            TestPki.Issued forged = TestPki.leaf(impostor, "CN=gw.forged").build();

            CertificateRejectedException refused = refused(() -> check(forged.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_TRUSTED);
            assertThat(refused.getMessage()).contains("CN=gw.forged", "does not validate",
                    "signature does not verify with the anchor's public key");
        }

        @Test
        void refusesACertificateWhoseAnchorIsNoLongerValid() {
            TestPki.Issued lapsedCa = TestPki.selfSigned("CN=Lapsed CA").ca()
                    .validity(NOW.minus(Duration.ofDays(3000)), NOW.minus(Duration.ofDays(1))).build();
            TestPki.Issued gateway = TestPki.leaf(lapsedCa, "CN=gw.lapsed").build();
            TrustMaterial withLapsed = TrustMaterial.of(List.of(communityCa.certificate(), lapsedCa.certificate()));

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.check(gateway.der(), withLapsed, NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_TRUSTED);
            assertThat(refused.getMessage()).contains("CN=Lapsed CA", "not valid at",
                    "to " + time(lapsedCa.certificate().getNotAfter()));
        }

        @Test
        void refusesASelfSignedCertificate() {
            TestPki.Issued selfMade = TestPki.selfSigned("CN=gw.selfmade").build();

            CertificateRejectedException refused = refused(() -> check(selfMade.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.SELF_SIGNED);
            assertThat(refused.getMessage()).contains("CN=gw.selfmade", "self-signed");
        }

        @Test
        void refusesRsa1024AndSaysTheSizeFound() {
            TestPki.Issued weak = TestPki.leaf(communityCa, "CN=gw.weak").keys(TestPki.rsa(1024)).build();

            CertificateRejectedException refused = refused(() -> check(weak.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.WEAK_KEY);
            assertThat(refused.getMessage()).contains("CN=gw.weak", "RSA key of 1024 bits", "at least 2048");
        }

        @Test
        void refusesEcOnA192BitCurve() {
            TestPki.Issued weak = TestPki.leaf(communityCa, "CN=gw.p192").keys(TestPki.ec("secp192r1")).build();

            CertificateRejectedException refused = refused(() -> check(weak.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.WEAK_KEY);
            assertThat(refused.getMessage()).contains("CN=gw.p192", "EC key", "192 bits");
        }

        @Test
        void refusesDsa() {
            TestPki.Issued dsa = TestPki.leaf(communityCa, "CN=gw.dsa").keys(TestPki.dsa(2048)).build();

            CertificateRejectedException refused = refused(() -> check(dsa.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.WEAK_KEY);
            assertThat(refused.getMessage()).contains("CN=gw.dsa", "a DSA key of 2048 bits");
        }

        @Test
        void refusesACertificateSignedWithSha1() {
            TestPki.Issued sha1 = TestPki.leaf(communityCa, "CN=gw.sha1").signatureAlgorithm("SHA1withRSA").build();

            CertificateRejectedException refused = refused(() -> check(sha1.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.WEAK_SIGNATURE);
            assertThat(refused.getMessage()).contains("CN=gw.sha1", "SHA1withRSA");
        }

        @Test
        void refusesAKeyUsageWithoutSigning() {
            TestPki.Issued encryptOnly = TestPki.leaf(communityCa, "CN=gw.encrypt")
                    .keyUsage(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment).build();

            CertificateRejectedException refused = refused(() -> check(encryptOnly.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.NO_SIGNING_USAGE);
            assertThat(refused.getMessage()).contains("CN=gw.encrypt", "keyEncipherment, dataEncipherment",
                    "neither digitalSignature nor nonRepudiation");
        }

        @Test
        void refusesACertificateWithoutKeyUsageExtension() {
            TestPki.Issued noUsage = TestPki.leaf(communityCa, "CN=gw.nousage").keyUsage(null).build();

            CertificateRejectedException refused = refused(() -> check(noUsage.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.NO_SIGNING_USAGE);
            assertThat(refused.getMessage()).contains("CN=gw.nousage", "no KeyUsage extension");
        }

        @Test
        void refusesACaCertificateOfferedAsGatewayCertificate() {
            TestPki.Issued subCa = TestPki.leaf(communityCa, "CN=Sub CA").ca().build();

            CertificateRejectedException refused = refused(() -> check(subCa.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.CA_CERTIFICATE);
            assertThat(refused.getMessage()).contains("CN=Sub CA", "is a CA certificate");
        }

        @Test
        void refusesTheAnchorItselfAsGatewayCertificate() {
            CertificateRejectedException refused = refused(() -> check(communityCa.der()));

            assertThat(refused.refusal()).isEqualTo(Refusal.CA_CERTIFICATE);
        }

        @Test
        void refusesACertificateRevokedThroughAnImportedCrl() throws Exception {
            TestPki.Issued gateway = TestPki.leaf(nationalCa, "CN=gw.revoked").build();
            X509CRL crl = TestPki.crl(nationalCa, gateway.certificate());
            AcceptedCrl imported = CertificatePolicy.checkCrl(crl.getEncoded(), nationalCa.certificate(), NOW);
            TrustMaterial withCrl = trust.withRevocations(imported.anchor(), imported.revoked());

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.check(gateway.der(), withCrl, NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.REVOKED);
            assertThat(refused.getMessage()).contains("CN=gw.revoked", "revoked by its issuer CN=National CA",
                    "on " + time(crl.getRevokedCertificate(gateway.certificate()).getRevocationDate()),
                    "KEY_COMPROMISE");
        }

        @Test
        void matchesRevokedSerialsWhateverCaseAndLeadingZerosTheyWereStoredWith() {
            TestPki.Issued gateway = TestPki.leaf(nationalCa, "CN=gw.stored").build();
            String stored = "00" + gateway.certificate().getSerialNumber().toString(16).toUpperCase();
            TrustMaterial withRevocation = trust.withRevocations(CertificateFingerprint.of(nationalCa.certificate()),
                    List.of(new RevokedEntry(stored, NOW.minusSeconds(5), null)));

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.check(gateway.der(), withRevocation, NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.REVOKED);
            assertThat(refused.getMessage()).doesNotContain("reason");
        }

        @Test
        void aRevocationCountsOnlyForTheAnchorThatIssuedIt() {
            TestPki.Issued gateway = TestPki.leaf(nationalCa, "CN=gw.clean").build();
            String serial = gateway.certificate().getSerialNumber().toString(16);
            TrustMaterial otherAnchorRevokedSameSerial = trust.withRevocations(
                    CertificateFingerprint.of(communityCa.certificate()),
                    List.of(new RevokedEntry(serial, NOW, CRLReason.KEY_COMPROMISE)));

            AcceptedCertificate accepted = CertificatePolicy.check(gateway.der(), otherAnchorRevokedSameSerial,
                    NOTHING_REGISTERED, NOW);

            assertThat(accepted.anchor()).isEqualTo(CertificateFingerprint.of(nationalCa.certificate()));
        }

        @Test
        void refusesACertificateAlreadyRegistered() {
            TestPki.Issued gateway = TestPki.leaf(communityCa, "CN=gw.twice").build();
            CertificateFingerprint registered = CertificateFingerprint.of(gateway.der());

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.check(gateway.pem().getBytes(US_ASCII), trust, registered::equals, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.ALREADY_REGISTERED);
            assertThat(refused.getMessage()).contains("CN=gw.twice", "already registered", registered.hex());
        }

        @Test
        void withoutAnyActiveAnchorNothingIsTrusted() {
            TestPki.Issued gateway = TestPki.leaf(communityCa, "CN=gw.alone").build();

            CertificateRejectedException refused = refused(() -> CertificatePolicy.check(gateway.der(),
                    TrustMaterial.of(List.of()), NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_TRUSTED);
            assertThat(refused.getMessage()).contains("CN=Community CA", "not an active trust anchor");
        }
    }

    @Nested
    class TrustAnchors {

        @Test
        void acceptsARootCa() {
            AcceptedAnchor accepted = CertificatePolicy.checkAnchor(communityCa.pem().getBytes(US_ASCII),
                    NOTHING_REGISTERED, NOW);

            assertThat(accepted.certificate()).isEqualTo(communityCa.certificate());
            assertThat(accepted.der()).isEqualTo(communityCa.der());
            assertThat(accepted.facts().ca()).isTrue();
            assertThat(accepted.facts().subject()).isEqualTo("CN=Community CA,O=Economic Community");
            assertThat(accepted.facts().keySize()).isEqualTo(2048);
        }

        @Test
        void acceptsANationalCaIssuedByTheCommunityCa() {
            TestPki.Issued issuedCa = TestPki.leaf(communityCa, "CN=National CA,C=UG").ca().build();

            AcceptedAnchor accepted = CertificatePolicy.checkAnchor(issuedCa.der(), NOTHING_REGISTERED, NOW);

            assertThat(accepted.facts().issuer()).isEqualTo("CN=Community CA,O=Economic Community");
        }

        @Test
        void refusesACertificateThatIsNotACa() {
            TestPki.Issued leaf = TestPki.leaf(communityCa, "CN=gw.notca").build();

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.checkAnchor(leaf.der(), NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_A_CA);
            assertThat(refused.getMessage()).contains("CN=gw.notca", "basicConstraints CA=true is missing");
        }

        @Test
        void refusesACaWhoseKeyUsageDoesNotAllowSigningCertificates() {
            TestPki.Issued crlOnly = TestPki.selfSigned("CN=CRL Only CA").ca().keyUsage(KeyUsage.cRLSign).build();

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.checkAnchor(crlOnly.der(), NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.NOT_A_CA);
            assertThat(refused.getMessage()).contains("CN=CRL Only CA", "(cRLSign)", "keyCertSign");
        }

        @Test
        void refusesAnExpiredCa() {
            TestPki.Issued expired = TestPki.selfSigned("CN=Old CA").ca()
                    .validity(NOW.minus(Duration.ofDays(4000)), NOW.minus(Duration.ofDays(10))).build();

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.checkAnchor(expired.der(), NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.EXPIRED);
            assertThat(refused.getMessage())
                    .contains("CN=Old CA", "expired on " + time(expired.certificate().getNotAfter()));
        }

        @Test
        void refusesACaWithAWeakKey() {
            TestPki.Issued weak = TestPki.selfSigned("CN=Weak CA").ca().keys(TestPki.rsa(1024)).build();

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.checkAnchor(weak.der(), NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.WEAK_KEY);
            assertThat(refused.getMessage()).contains("CN=Weak CA", "RSA key of 1024 bits");
        }

        @Test
        void refusesAnAnchorAlreadyRegistered() {
            CertificateFingerprint registered = CertificateFingerprint.of(nationalCa.certificate());

            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.checkAnchor(nationalCa.der(), registered::equals, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.ALREADY_REGISTERED);
            assertThat(refused.getMessage()).contains(registered.hex());
        }

        @Test
        void refusesGarbage() {
            CertificateRejectedException refused = refused(
                    () -> CertificatePolicy.checkAnchor(new byte[] {1, 2, 3}, NOTHING_REGISTERED, NOW));

            assertThat(refused.refusal()).isEqualTo(Refusal.UNPARSEABLE);
        }
    }

    @Nested
    class RevocationLists {

        private CrlRejectedException refusedCrl(ThrowingCallable check) {
            CrlRejectedException refused = catchThrowableOfType(CrlRejectedException.class, check);
            assertThat(refused).as("the CRL should have been refused").isNotNull();
            return refused;
        }

        @Test
        void importsTheRevokedEntriesOfACrlFromPem() {
            TestPki.Issued first = TestPki.leaf(nationalCa, "CN=gw.first").build();
            TestPki.Issued second = TestPki.leaf(nationalCa, "CN=gw.second").build();
            X509CRL crl = TestPki.crl(nationalCa, first.certificate(), second.certificate());

            AcceptedCrl accepted = CertificatePolicy.checkCrl(TestPki.pem(crl).getBytes(US_ASCII),
                    nationalCa.certificate(), NOW);

            assertThat(accepted.anchor()).isEqualTo(CertificateFingerprint.of(nationalCa.certificate()));
            assertThat(accepted.thisUpdate()).isEqualTo(crl.getThisUpdate().toInstant());
            assertThat(accepted.nextUpdate()).isEqualTo(crl.getNextUpdate().toInstant());
            assertThat(accepted.revoked()).extracting(RevokedEntry::serialHex).containsExactlyInAnyOrder(
                    first.certificate().getSerialNumber().toString(16),
                    second.certificate().getSerialNumber().toString(16));
            assertThat(accepted.revoked()).extracting(RevokedEntry::reason).containsOnly(CRLReason.KEY_COMPROMISE);
            assertThat(accepted.revoked()).extracting(RevokedEntry::revokedAt)
                    .containsOnly(crl.getRevokedCertificate(first.certificate()).getRevocationDate().toInstant());
        }

        @Test
        void importsAnEmptyCrlFromDer() throws Exception {
            X509CRL crl = TestPki.crl(communityCa);

            AcceptedCrl accepted = CertificatePolicy.checkCrl(crl.getEncoded(), communityCa.certificate(), NOW);

            assertThat(accepted.revoked()).isEmpty();
            assertThat(accepted.anchor()).isEqualTo(CertificateFingerprint.of(communityCa.certificate()));
        }

        @Test
        void refusesACrlOfAnotherCa() throws Exception {
            X509CRL crl = TestPki.crl(communityCa);

            CrlRejectedException refused = refusedCrl(
                    () -> CertificatePolicy.checkCrl(crl.getEncoded(), nationalCa.certificate(), NOW));

            assertThat(refused.refusal()).isEqualTo(CrlRefusal.WRONG_ISSUER);
            assertThat(refused.getMessage()).contains("issued by CN=Community CA,O=Economic Community",
                    "not by the trust anchor CN=National CA");
        }

        @Test
        void refusesACrlSignedByAnotherCaUsingTheAnchorsName() throws Exception {
            TestPki.Issued impostor = TestPki.ca("CN=National CA,O=Kenya Revenue Authority,C=KE");
            X509CRL forged = TestPki.crl(impostor);

            CrlRejectedException refused = refusedCrl(
                    () -> CertificatePolicy.checkCrl(forged.getEncoded(), nationalCa.certificate(), NOW));

            assertThat(refused.refusal()).isEqualTo(CrlRefusal.BAD_SIGNATURE);
            assertThat(refused.getMessage())
                    .contains("CN=National CA", "does not verify with that anchor's public key");
        }

        @Test
        void refusesACrlIssuedInTheFuture() throws Exception {
            Instant thisUpdate = NOW.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            X509CRL early = TestPki.crl(communityCa, thisUpdate);

            CrlRejectedException refused = refusedCrl(
                    () -> CertificatePolicy.checkCrl(early.getEncoded(), communityCa.certificate(), NOW));

            assertThat(refused.refusal()).isEqualTo(CrlRefusal.NOT_YET_ISSUED);
            assertThat(refused.getMessage()).contains("issued at " + thisUpdate, "more than 5 minutes");
        }

        @Test
        void toleratesAFewMinutesOfClockSkew() throws Exception {
            X509CRL slightlyAhead = TestPki.crl(communityCa, NOW.plus(Duration.ofMinutes(4)));

            AcceptedCrl accepted = CertificatePolicy.checkCrl(slightlyAhead.getEncoded(), communityCa.certificate(),
                    NOW);

            assertThat(accepted.thisUpdate()).isEqualTo(slightlyAhead.getThisUpdate().toInstant());
        }

        @Test
        void refusesGarbage() {
            CrlRejectedException refused = refusedCrl(() -> CertificatePolicy.checkCrl(
                    "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n".getBytes(US_ASCII),
                    communityCa.certificate(), NOW));

            assertThat(refused.refusal()).isEqualTo(CrlRefusal.UNPARSEABLE);
            assertThat(refused.getMessage()).contains("not a valid X.509 CRL");
        }
    }

    @Test
    void trustMaterialIsAnImmutableSnapshot() {
        List<X509Certificate> anchors = new ArrayList<>(List.of(communityCa.certificate()));
        TrustMaterial snapshot = TrustMaterial.of(anchors);
        anchors.add(nationalCa.certificate());
        CertificateFingerprint community = CertificateFingerprint.of(communityCa.certificate());
        TrustMaterial withRevocation = snapshot.withRevocations(community,
                List.of(new RevokedEntry("1f", NOW, null)));

        assertThat(snapshot.anchors()).containsExactly(communityCa.certificate());
        assertThat(snapshot.revocation(community, BigInteger.valueOf(0x1f))).isEmpty();
        assertThat(withRevocation.revocation(community, BigInteger.valueOf(0x1f))).isPresent();
    }
}
