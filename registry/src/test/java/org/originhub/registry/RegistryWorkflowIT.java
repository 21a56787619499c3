package org.originhub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.authorities.boundary.AuthorityView;
import org.originhub.registry.authorities.boundary.SignerVerdict;
import org.originhub.registry.authorities.boundary.SignerView;
import org.originhub.registry.authorities.entity.AuthorisedSigner;
import org.originhub.registry.authorities.entity.IssuingAuthority;
import org.originhub.registry.certificates.boundary.TrustAnchorView;
import org.originhub.registry.certificates.entity.RevocationList;
import org.originhub.registry.certificates.entity.RevokedSerial;
import org.originhub.registry.certificates.entity.TrustAnchor;
import org.originhub.registry.directory.boundary.DirectorySnapshot;
import org.originhub.registry.directory.entity.RegistrySerial;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;
import org.originhub.registry.errors.NotFoundException;
import org.originhub.registry.errors.RequestRefusedException;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.boundary.SenderCheck.Verdict;
import org.originhub.registry.gateways.boundary.CertificateView;
import org.originhub.registry.gateways.entity.CertificateStatus;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.memberstates.entity.MemberStatus;
import org.originhub.registry.requests.boundary.IssuedOnboardingCode;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.OnboardingCode;
import org.originhub.registry.requests.entity.RegistrationRequest;
import org.originhub.registry.requests.entity.RequestKind;
import org.originhub.registry.requests.entity.RequestStatus;
import org.originhub.registry.requests.entity.SubmissionChannel;
import org.originhub.registry.testing.RegistryHarness;
import org.originhub.registry.testing.TestPersistence;
import org.originhub.registry.testing.TestPki;

/** The registry's boundaries against the real schema on MariaDB: requests, decisions, certificates, signers. */
@ExtendWith(EmbeddedDatabaseExtension.class)
class RegistryWorkflowIT {

    private static final Actor ADMIN = Actor.user("admin");
    private static final List<String> PERMISSIONS = List.of("SEND:CERTIFICATE_OF_ORIGIN",
            "RECEIVE:CERTIFICATE_OF_ORIGIN", "RECEIVE:BUSINESS_RESPONSE");
    private static final AtomicInteger NEXT_CODE = new AtomicInteger();

    private static TestPersistence persistence;
    private static TestPki.Issued communityCa;
    private static TestPki.Issued otherCa;
    private static Long anchorId;
    private RegistryHarness hub;

    @BeforeAll
    static void setUp(DataSource dataSource) {
        persistence = TestPersistence.of(dataSource, MemberState.class,
                org.originhub.registry.certificates.entity.StoredCertificate.class, Agreement.class, TrustAnchor.class,
                RevocationList.class, RevokedSerial.class, Gateway.class, GatewayCertificate.class,
                org.originhub.registry.gateways.entity.DocumentPermission.class, IssuingAuthority.class,
                AuthorisedSigner.class, RegistrationRequest.class, OnboardingCode.class, RegistrySerial.class);
        communityCa = TestPki.ca("CN=Community CA " + System.nanoTime() + ",O=Origin Hub Test");
        otherCa = TestPki.ca("CN=Unknown CA " + System.nanoTime());
        RegistryHarness setup = new RegistryHarness(persistence);
        TrustAnchorView anchor = setup.tx(h -> h.trustAnchors.importAnchor(ADMIN, "Community CA",
                communityCa.der()));
        anchorId = anchor.id();
    }

    @AfterAll
    static void tearDown() {
        persistence.close();
    }

    @BeforeEach
    void harness() {
        hub = new RegistryHarness(persistence);
    }

    /** Two-letter codes unique within this test run (the database is shared by the tests). */
    private static String newMember(RegistryHarness hub, String name) {
        int n = NEXT_CODE.getAndIncrement();
        String code = "" + (char) ('A' + (n / 26) % 26) + (char) ('A' + n % 26);
        hub.run(h -> h.memberStates.register(ADMIN, code.toLowerCase(), name));
        return code;
    }

    private Long registeredGateway(String member, String name, TestPki.Issued certificate) {
        RequestView request = hub.tx(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API, member,
                name, DeliveryMode.PULL, null, PERMISSIONS, certificate.pem().getBytes(), null));
        return hub.tx(h -> h.requests.approve(ADMIN, request.id(), "checked by phone")).gatewayId();
    }

    @Test
    void memberStatesMoveThroughTheirLifeCycleAndEveryChangeIsAnnouncedAndMovesTheSerial() {
        long serialBefore = hub.tx(h -> h.directory.serial());
        String code = newMember(hub, "Kenya");

        hub.run(h -> h.memberStates.suspend(ADMIN, code, "audit"));
        assertThat(hub.tx(h -> h.memberStates.find(code)).status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThatThrownBy(() -> hub.run(h -> h.memberStates.suspend(ADMIN, code, "again")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("it is SUSPENDED");
        hub.run(h -> h.memberStates.reactivate(ADMIN, code, "done"));
        hub.run(h -> h.memberStates.withdraw(ADMIN, code, "left"));
        assertThatThrownBy(() -> hub.run(h -> h.memberStates.reactivate(ADMIN, code, "back")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> hub.run(h -> h.memberStates.register(ADMIN, code, "Again")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> hub.run(h -> h.memberStates.register(ADMIN, "KEN", "Bad")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ISO 3166-1 alpha-2");

        assertThat(hub.changes.fired()).extracting(RegistryChanged::action).containsExactly(
                RegistryAction.MEMBER_STATE_REGISTERED, RegistryAction.MEMBER_STATE_SUSPENDED,
                RegistryAction.MEMBER_STATE_REACTIVATED, RegistryAction.MEMBER_STATE_WITHDRAWN);
        assertThat(hub.changes.fired()).allMatch(c -> c.actor().equals(ADMIN) && code.equals(c.memberCode()));
        long serialAfter = hub.tx(h -> h.directory.serial());
        assertThat(serialAfter).isEqualTo(serialBefore + 4);
    }

    @Test
    void agreementsAllowExchangeOnlyBetweenPartiesWhileInForce() {
        String a = newMember(hub, "A");
        String b = newMember(hub, "B");
        String c = newMember(hub, "C");
        String code = "FTA" + a + b;
        hub.run(h -> h.agreements.create(ADMIN, code, "Test FTA", LocalDate.of(2026, 1, 1),
                LocalDate.of(2030, 12, 31), List.of(a, b)));

        hub.run(h -> {
            Agreement agreement = h.agreements.entity(code);
            var ma = h.memberStates.entity(a).code();
            var mb = h.memberStates.entity(b).code();
            var mc = h.memberStates.entity(c).code();
            assertThat(agreement.allowsExchange(ma, mb, LocalDate.of(2027, 5, 1))).isTrue();
            assertThat(agreement.allowsExchange(ma, mc, LocalDate.of(2027, 5, 1))).isFalse();
            assertThat(agreement.allowsExchange(ma, mb, LocalDate.of(2025, 12, 31))).isFalse();
            assertThat(agreement.allowsExchange(ma, mb, LocalDate.of(2031, 1, 1))).isFalse();
        });
        assertThatThrownBy(() -> hub.run(h -> h.agreements.create(ADMIN, "X" + code, "x", LocalDate.now(), null,
                List.of(a, "QQ")))).isInstanceOf(NotFoundException.class).hasMessageContaining("QQ");
        assertThatThrownBy(() -> hub.run(h -> h.agreements.create(ADMIN, "Y" + code, "y", LocalDate.now(), null,
                List.of(a)))).isInstanceOf(InvalidInputException.class).hasMessageContaining("two parties");
    }

    @Test
    void aGatewayRegistrationChangesNothingUntilApprovedThenTheGatewaySignsAndIsInTheDirectory() {
        String member = newMember(hub, "Tanzania");
        TestPki.Issued certificate = TestPki.leaf(communityCa, "CN=gw." + member).build();

        RequestView request = hub.tx(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API, member,
                "customs-gw", DeliveryMode.PUSH, "https://gw.example/" + member, PERMISSIONS,
                certificate.der(), "first gateway"));

        assertThat(request.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(request.kind()).isEqualTo(RequestKind.GATEWAY_REGISTRATION);
        List<org.originhub.registry.gateways.boundary.GatewayView> none = hub.tx(h -> h.gateways.list(member));
        assertThat(none).isEmpty();
        String fingerprint = request.certificateFingerprint();
        assertThat(hub.tx(h -> h.gateways.checkSender(fingerprint, Instant.now())).verdict())
                .isEqualTo(Verdict.UNKNOWN_CERTIFICATE);

        RequestView approved = hub.tx(h -> h.requests.approve(ADMIN, request.id(), "verified"));

        assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("admin");
        var check = hub.tx(h -> h.gateways.checkSender(fingerprint, Instant.now()));
        assertThat(check.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(check.memberCode()).isEqualTo(member);
        DirectorySnapshot directory = hub.tx(h -> h.directory.snapshot());
        assertThat(directory.gateways()).anySatisfy(g -> {
            assertThat(g.memberCode()).isEqualTo(member);
            assertThat(g.activeCertificate()).isEqualTo(fingerprint);
            assertThat(g.deliveryMode()).isEqualTo("PUSH");
        });
        assertThatThrownBy(() -> hub.run(h -> h.requests.approve(ADMIN, request.id(), "twice")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already APPROVED");
    }

    @Test
    void certificatesThatBreakTheRulesAreRefusedWithTheReason() {
        String member = newMember(hub, "Uganda");
        TestPki.Issued untrusted = TestPki.leaf(otherCa, "CN=rogue").build();
        TestPki.Issued expired = TestPki.leaf(communityCa, "CN=old")
                .validity(Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(35)))
                .build();

        assertThatThrownBy(() -> hub.run(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API,
                member, "gw", DeliveryMode.PULL, null, PERMISSIONS, untrusted.der(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("CertificateNotTrusted"));
        assertThatThrownBy(() -> hub.run(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API,
                member, "gw", DeliveryMode.PULL, null, PERMISSIONS, expired.der(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("CertificateExpired"));
        assertThatThrownBy(() -> hub.run(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API,
                member, "gw", DeliveryMode.PUSH, "ftp://x", PERMISSIONS, expired.der(), null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("http(s)");

        TestPki.Issued good = TestPki.leaf(communityCa, "CN=good." + member).build();
        registeredGateway(member, "gw", good);
        assertThatThrownBy(() -> hub.run(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API,
                member, "gw2", DeliveryMode.PULL, null, PERMISSIONS, good.der(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("CertificateAlreadyRegistered"));
    }

    @Test
    void rotationStagesTheNewCertificateUntilActivatedThenTheOldOneIsSuperseded() {
        String member = newMember(hub, "Rwanda");
        TestPki.Issued first = TestPki.leaf(communityCa, "CN=first." + member).build();
        TestPki.Issued second = TestPki.leaf(communityCa, "CN=second." + member).build();
        Long gatewayId = registeredGateway(member, "gw", first);

        RequestView rotation = hub.tx(h -> h.requests.submitCertificate(ADMIN, SubmissionChannel.API, gatewayId,
                second.der(), "yearly rotation", false));
        assertThat(rotation.kind()).isEqualTo(RequestKind.CERTIFICATE_ROTATION);
        assertThat(rotation.status()).as("not auto-approved by default").isEqualTo(RequestStatus.SUBMITTED);
        hub.run(h -> h.requests.approve(ADMIN, rotation.id(), "ok"));

        String firstFp = hub.tx(h -> h.gateways.certificates(gatewayId)).stream()
                .filter(c -> c.status() == CertificateStatus.ACTIVE).findFirst().orElseThrow().fingerprint();
        String secondFp = rotation.certificateFingerprint();
        assertThat(hub.tx(h -> h.gateways.certificate(secondFp)).status()).isEqualTo(CertificateStatus.STAGED);
        assertThat(hub.tx(h -> h.gateways.checkSender(secondFp, Instant.now())).accepted())
                .as("the staged certificate signs during the overlap").isTrue();
        assertThat(hub.tx(h -> h.gateways.checkSender(firstFp, Instant.now())).accepted()).isTrue();

        hub.run(h -> h.gateways.activateStaged(ADMIN, gatewayId));

        assertThat(hub.tx(h -> h.gateways.certificate(secondFp)).status()).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(hub.tx(h -> h.gateways.checkSender(firstFp, Instant.now())).verdict())
                .isEqualTo(Verdict.CERTIFICATE_SUPERSEDED);
    }

    @Test
    void aRotationSignedWithTheActiveKeyIsAutoApprovedWhenThePolicyIsOn() {
        String member = newMember(hub, "Burundi");
        Long gatewayId = registeredGateway(member, "gw", TestPki.leaf(communityCa, "CN=a." + member).build());
        hub.autoApproveRotation(true);

        RequestView unsigned = hub.tx(h -> h.requests.submitCertificate(ADMIN, SubmissionChannel.API, gatewayId,
                TestPki.leaf(communityCa, "CN=b." + member).build().der(), null, false));
        assertThat(unsigned.status()).as("not requested with the active key").isEqualTo(RequestStatus.SUBMITTED);
        hub.run(h -> h.requests.cancel(ADMIN, unsigned.id()));

        RequestView signed = hub.tx(h -> h.requests.submitCertificate(Actor.gateway("fp", member),
                SubmissionChannel.SOAP, gatewayId, TestPki.leaf(communityCa, "CN=c." + member).build().der(), null,
                true));
        assertThat(signed.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(signed.decidedBy()).isEqualTo("hub");
        assertThat(hub.tx(h -> h.gateways.certificate(signed.certificateFingerprint())).status())
                .isEqualTo(CertificateStatus.STAGED);
    }

    @Test
    void revocationSuspensionAndMemberStatusStopTheSenderAtTheNextMessage() {
        String member = newMember(hub, "Ethiopia");
        Long gatewayId = registeredGateway(member, "gw", TestPki.leaf(communityCa, "CN=gw." + member).build());
        String fp = hub.tx(h -> h.gateways.certificates(gatewayId)).get(0).fingerprint();

        hub.run(h -> h.gateways.suspend(ADMIN, gatewayId, "incident"));
        assertThat(hub.tx(h -> h.gateways.checkSender(fp, Instant.now())).verdict())
                .isEqualTo(Verdict.GATEWAY_SUSPENDED);
        hub.run(h -> h.gateways.reactivate(ADMIN, gatewayId, "resolved"));
        hub.run(h -> h.memberStates.suspend(ADMIN, member, "arrears"));
        var suspended = hub.tx(h -> h.gateways.checkSender(fp, Instant.now()));
        assertThat(suspended.verdict()).isEqualTo(Verdict.MEMBER_NOT_ACTIVE);
        assertThat(suspended.memberStatus()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(suspended.memberWithdrawn()).isFalse();
        hub.run(h -> h.memberStates.reactivate(ADMIN, member, "paid"));
        assertThat(hub.tx(h -> h.gateways.checkSender(fp, Instant.now())).accepted()).isTrue();

        hub.run(h -> h.gateways.revokeCertificate(ADMIN, fp, "key compromise"));

        var check = hub.tx(h -> h.gateways.checkSender(fp, Instant.now()));
        assertThat(check.verdict()).isEqualTo(Verdict.CERTIFICATE_REVOKED);
        assertThat(check.detail()).contains("revoked on");
    }

    @Test
    void aWithdrawnMembersSenderIsRefusedWithTheWithdrawalAsAStatus() {
        String member = newMember(hub, "Eritrea");
        Long gatewayId = registeredGateway(member, "gw", TestPki.leaf(communityCa, "CN=gw." + member).build());
        String fp = hub.tx(h -> h.gateways.certificates(gatewayId)).get(0).fingerprint();
        assertThat(hub.tx(h -> h.gateways.checkSender(fp, Instant.now())).memberStatus())
                .isEqualTo(MemberStatus.ACTIVE);

        hub.run(h -> h.memberStates.withdraw(ADMIN, member, "left the community"));

        var check = hub.tx(h -> h.gateways.checkSender(fp, Instant.now()));
        assertThat(check.verdict()).isEqualTo(Verdict.MEMBER_NOT_ACTIVE);
        assertThat(check.memberStatus()).isEqualTo(MemberStatus.WITHDRAWN);
        assertThat(check.memberWithdrawn()).isTrue();
    }

    @Test
    void aCrlRevokesRegisteredCertificatesAndRefusesThemAfterwards() {
        String member = newMember(hub, "Somalia");
        TestPki.Issued certificate = TestPki.leaf(communityCa, "CN=gw." + member).build();
        Long gatewayId = registeredGateway(member, "gw", certificate);
        String fp = hub.tx(h -> h.gateways.certificates(gatewayId)).get(0).fingerprint();
        AuthorityView authority = hub.tx(h -> h.authorities.registerAuthority(ADMIN, member, "Chamber " + member,
                Instant.now().minus(Duration.ofDays(10)), null));
        TestPki.Issued official = TestPki.leaf(communityCa, "CN=Official " + member).build();
        String signerFp = hub.tx(h -> h.authorities.registerSigner(ADMIN, authority.id(), "A. Official",
                official.der(), Instant.now().minus(Duration.ofDays(1)), null, List.of())).fingerprint();
        hub.changes.clear();

        var crl = hub.tx(h -> {
            try {
                return h.trustAnchors.importCrl(ADMIN, anchorId,
                        TestPki.crl(communityCa, certificate.certificate(), official.certificate()).getEncoded());
            } catch (java.security.cert.CRLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(crl.revokedRegisteredCertificates()).containsExactly(fp, signerFp);
        assertThat(hub.changes.fired()).extracting(RegistryChanged::action).containsExactly(
                RegistryAction.CRL_IMPORTED, RegistryAction.GATEWAY_CERTIFICATE_REVOKED,
                RegistryAction.AUTHORISED_SIGNER_REVOKED);
        assertThat(hub.changes.fired()).last().satisfies(c -> {
            assertThat(c.objectId()).isEqualTo(signerFp);
            assertThat(c.memberCode()).isEqualTo(member);
            assertThat(c.detail()).isEqualTo("by CRL of Community CA");
        });
        assertThat(hub.tx(h -> h.gateways.checkSender(fp, Instant.now())).verdict())
                .isEqualTo(Verdict.CERTIFICATE_REVOKED);
        assertThat(hub.tx(h -> h.authorities.checkSigner(signerFp, member, null, null)).reason())
                .contains("revoked").contains("listed in the CRL of trust anchor Community CA");
    }

    @Test
    void aCertificateIsRegisteredOnceAcrossGatewaysSignersAndOpenRequests() {
        String member = newMember(hub, "Eritrea");
        AuthorityView authority = hub.tx(h -> h.authorities.registerAuthority(ADMIN, member, "Chamber " + member,
                Instant.now().minus(Duration.ofDays(10)), null));
        TestPki.Issued requested = TestPki.leaf(communityCa, "CN=requested." + member).build();
        TestPki.Issued signing = TestPki.leaf(communityCa, "CN=signer." + member).build();
        RequestView open = hub.tx(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API, member,
                "gw", DeliveryMode.PULL, null, PERMISSIONS, requested.der(), null));
        hub.run(h -> h.authorities.registerSigner(ADMIN, authority.id(), "S. Igner", signing.der(), null, null,
                List.of()));

        assertThatThrownBy(() -> hub.run(h -> h.authorities.registerSigner(ADMIN, authority.id(), "Twice",
                requested.der(), null, null, List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("CertificateAlreadyRegistered"));
        assertThatThrownBy(() -> hub.run(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API,
                member, "gw2", DeliveryMode.PULL, null, PERMISSIONS, signing.der(), null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("CertificateAlreadyRegistered"));
        assertThat(hub.tx(h -> h.requests.approve(ADMIN, open.id(), "its own request is no duplicate")).status())
                .isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void selfRegistrationNeedsAValidOneTimeOnboardingCodeAndRefusalsAreRecorded() {
        String member = newMember(hub, "Djibouti");
        TestPki.Issued candidate = TestPki.leaf(communityCa, "CN=self." + member).build();
        Actor gateway = Actor.gateway("candidate", member);

        assertThatThrownBy(() -> hub.run(h -> h.requests.submitSelfRegistration(gateway, member, "WRONG-CODE",
                "self-gw", DeliveryMode.PULL, null, PERMISSIONS, candidate.der(), null)))
                .isInstanceOf(RequestRefusedException.class).hasMessageContaining("onboarding code");
        assertThat(hub.changes.fired()).anySatisfy(c -> {
            assertThat(c.action()).isEqualTo(RegistryAction.REGISTRATION_REQUEST_REFUSED);
            assertThat(c.refused()).isTrue();
        });

        IssuedOnboardingCode code = hub.tx(h -> h.requests.issueOnboardingCode(ADMIN, member, Duration.ofDays(1)));
        RequestView request = hub.tx(h -> h.requests.submitSelfRegistration(gateway, member,
                code.code().toLowerCase(), "self-gw", DeliveryMode.PULL, null, PERMISSIONS, candidate.der(), null));
        assertThat(request.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(request.submittedVia()).isEqualTo(SubmissionChannel.SOAP);

        TestPki.Issued another = TestPki.leaf(communityCa, "CN=again." + member).build();
        assertThatThrownBy(() -> hub.run(h -> h.requests.submitSelfRegistration(gateway, member, code.code(),
                "other-gw", DeliveryMode.PULL, null, PERMISSIONS, another.der(), null)))
                .isInstanceOf(RequestRefusedException.class).hasMessageContaining("already been used");
    }

    @Test
    void endpointChangesApplyOnApprovalAndRejectionsNeedAReason() {
        String member = newMember(hub, "Eritrea");
        Long gatewayId = registeredGateway(member, "gw", TestPki.leaf(communityCa, "CN=gw." + member).build());

        RequestView change = hub.tx(h -> h.requests.submitEndpointChange(ADMIN, SubmissionChannel.API, gatewayId,
                DeliveryMode.PUSH, "https://new.example/ws", null));
        assertThatThrownBy(() -> hub.run(h -> h.requests.reject(ADMIN, change.id(), " ")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reason");
        hub.run(h -> h.requests.approve(ADMIN, change.id(), null));

        assertThat(hub.tx(h -> h.gateways.find(gatewayId)).endpointUrl()).isEqualTo("https://new.example/ws");
        assertThat(hub.tx(h -> h.gateways.find(gatewayId)).deliveryMode()).isEqualTo(DeliveryMode.PUSH);
    }

    @Test
    void checkSignerAnswersYesOrNoWithTheReason() {
        String member = newMember(hub, "Sudan");
        String partner = newMember(hub, "Egypt");
        String outsider = newMember(hub, "Chad");
        String fta = "SIG" + member;
        hub.run(h -> h.agreements.create(ADMIN, fta, "Signer FTA", LocalDate.of(2020, 1, 1), null,
                List.of(member, partner)));
        AuthorityView authority = hub.tx(h -> h.authorities.registerAuthority(ADMIN, member, "Chamber of Commerce",
                Instant.now().minus(Duration.ofDays(10)), null));
        TestPki.Issued official = TestPki.leaf(communityCa, "CN=Official " + member).build();
        String fp = hub.tx(h -> h.authorities.registerSigner(ADMIN, authority.id(), "A. Official", official.der(),
                Instant.now().minus(Duration.ofDays(1)), null, List.of(fta))).fingerprint();

        SignerVerdict yes = hub.tx(h -> h.authorities.checkSigner(fp, member, fta, null));
        assertThat(yes.authorised()).isTrue();
        assertThat(yes.reason()).contains("Chamber of Commerce");
        assertThat(hub.tx(h -> h.authorities.checkSigner(fp, partner, fta, null)).reason())
                .contains("authorised for member state " + member);
        assertThat(hub.tx(h -> h.authorities.checkSigner(fp, member, fta,
                Instant.now().minus(Duration.ofDays(5)))).reason()).contains("authorised only from");
        assertThatThrownBy(() -> hub.run(h -> h.authorities.registerSigner(ADMIN, authority.id(), "B",
                TestPki.leaf(communityCa, "CN=B").build().der(), null, null, List.of("NOPE"))))
                .isInstanceOf(NotFoundException.class);
        hub.run(h -> h.agreements.create(ADMIN, "OUT" + outsider, "Other", LocalDate.of(2020, 1, 1), null,
                List.of(partner, outsider)));
        assertThatThrownBy(() -> hub.run(h -> h.authorities.registerSigner(ADMIN, authority.id(), "C",
                TestPki.leaf(communityCa, "CN=C").build().der(), null, null, List.of("OUT" + outsider))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a party");

        hub.run(h -> h.authorities.revokeSigner(ADMIN, fp, "left office"));
        SignerVerdict no = hub.tx(h -> h.authorities.checkSigner(fp, member, fta, null));
        assertThat(no.authorised()).isFalse();
        assertThat(no.reason()).contains("revoked").contains("left office");
        assertThat(hub.tx(h -> h.authorities.checkSigner("ab".repeat(32), member, null, null)).reason())
                .contains("not registered");
    }

    @Test
    void theExpiryScanWarnsOncePerThresholdAndExpiresCertificatesPastTheirValidity() {
        String member = newMember(hub, "Mauritius");
        Instant notAfter = Instant.now().plus(Duration.ofDays(90));
        TestPki.Issued certificate = TestPki.leaf(communityCa, "CN=short." + member)
                .validity(Instant.now().minus(Duration.ofDays(1)), notAfter).build();
        Long gatewayId = registeredGateway(member, "gw", certificate);
        String fp = hub.tx(h -> h.gateways.certificates(gatewayId)).get(0).fingerprint();
        Long authority = hub.tx(h -> h.authorities.registerAuthority(ADMIN, member, "Chamber", null, null)).id();
        TestPki.Issued official = TestPki.leaf(communityCa, "CN=official." + member)
                .validity(Instant.now().minus(Duration.ofDays(1)), notAfter.plus(Duration.ofDays(20))).build();
        String signerFp = hub.tx(h -> h.authorities.registerSigner(ADMIN, authority, "Official", official.der(),
                null, null, List.of())).fingerprint();

        assertThat(hub.<List<CertificateView>>tx(h -> h.gateways.expiringCertificates(Duration.ofDays(60))))
                .extracting(c -> c.fingerprint()).doesNotContain(fp);
        hub.clock(Clock.fixed(notAfter.minus(Duration.ofDays(59)), ZoneOffset.UTC));
        assertThat(hub.<List<CertificateView>>tx(h -> h.gateways.expiringCertificates(Duration.ofDays(60))))
                .extracting(c -> c.fingerprint()).contains(fp);
        assertThat(hub.<List<SignerView>>tx(h -> h.authorities.expiringSigners(Duration.ofDays(60))))
                .as("the official's certificate ends 79 days later").extracting(SignerView::fingerprint)
                .doesNotContain(signerFp);
        hub.run(h -> h.expiry.scan());
        hub.run(h -> h.expiry.scan());
        hub.clock(Clock.fixed(notAfter.minus(Duration.ofDays(6)), ZoneOffset.UTC));
        assertThat(hub.<List<SignerView>>tx(h -> h.authorities.expiringSigners(Duration.ofDays(60))))
                .filteredOn(s -> s.fingerprint().equals(signerFp)).singleElement()
                .satisfies(s -> assertThat(s.notAfter()).isEqualTo(official.certificate().getNotAfter().toInstant()));
        hub.run(h -> h.expiry.scan());

        assertThat(hub.expiring.fired()).filteredOn(w -> w.fingerprint().equals(fp))
                .extracting(w -> w.thresholdDays()).containsExactly(60, 7);
        assertThat(hub.expiring.fired()).filteredOn(w -> w.fingerprint().equals(signerFp))
                .extracting(w -> w.certificateKind() + ":" + w.thresholdDays()).containsExactly("signer:30");

        hub.clock(Clock.fixed(notAfter.plusSeconds(1), ZoneOffset.UTC));
        hub.run(h -> h.expiry.scan());
        assertThat(hub.tx(h -> h.gateways.certificate(fp)).status()).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(hub.changes.fired()).anySatisfy(c -> {
            assertThat(c.action()).isEqualTo(RegistryAction.GATEWAY_CERTIFICATE_EXPIRED);
            assertThat(c.actor().kind()).isEqualTo(Actor.Kind.HUB);
        });
    }
}
