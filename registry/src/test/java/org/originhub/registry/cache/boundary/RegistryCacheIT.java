package org.originhub.registry.cache.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CRLException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.authorities.entity.AuthorisedSigner;
import org.originhub.registry.authorities.entity.IssuingAuthority;
import org.originhub.registry.cache.control.RegistryCache;
import org.originhub.registry.certificates.entity.RevocationList;
import org.originhub.registry.certificates.entity.RevokedSerial;
import org.originhub.registry.certificates.entity.StoredCertificate;
import org.originhub.registry.certificates.entity.TrustAnchor;
import org.originhub.registry.directory.entity.RegistrySerial;
import org.originhub.registry.events.Actor;
import org.originhub.registry.events.RegistryAction;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.gateways.boundary.SenderCheck;
import org.originhub.registry.gateways.boundary.SenderCheck.Verdict;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.gateways.entity.GatewayStatus;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.OnboardingCode;
import org.originhub.registry.requests.entity.RegistrationRequest;
import org.originhub.registry.requests.entity.SubmissionChannel;
import org.originhub.registry.testing.RegistryHarness;
import org.originhub.registry.testing.StatementCounter;
import org.originhub.registry.testing.TestPersistence;
import org.originhub.registry.testing.TestPki;

/**
 * The registry read cache on MariaDB: two "nodes" on one database, this one (the harness, told of its own changes as
 * the container's AFTER_COMPLETION observer would be) and another one that is told nothing, so that only the
 * registry version can make it see a change. Every change takes effect on the very next check on both, and repeated
 * checks cost one SELECT, that of the version.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class RegistryCacheIT {

    private static final Actor ADMIN = Actor.user("admin");
    private static final List<String> PERMISSIONS = List.of("SEND:CERTIFICATE_OF_ORIGIN",
            "RECEIVE:CERTIFICATE_OF_ORIGIN");
    private static final AtomicInteger NEXT_CODE = new AtomicInteger();

    private static DataSource database;
    private static StatementCounter statements;
    private static TestPersistence persistence;
    private static TestPki.Issued ca;
    private static Long anchorId;

    private RegistryHarness hub;
    private RegistryReads otherNode;

    private record Sender(String member, Long gatewayId, String fingerprint, TestPki.Issued certificate) {
    }

    @BeforeAll
    static void setUp(DataSource dataSource) {
        database = dataSource;
        statements = new StatementCounter(dataSource);
        persistence = TestPersistence.of(statements.dataSource(), MemberState.class, StoredCertificate.class,
                Agreement.class, TrustAnchor.class, RevocationList.class, RevokedSerial.class, Gateway.class,
                GatewayCertificate.class, DocumentPermission.class, IssuingAuthority.class, AuthorisedSigner.class,
                RegistrationRequest.class, OnboardingCode.class, RegistrySerial.class);
        ca = TestPki.ca("CN=Cache Test CA " + System.nanoTime() + ",O=Origin Hub Test");
        anchorId = new RegistryHarness(persistence).tx(h -> h.trustAnchors.importAnchor(ADMIN, "Cache Test CA",
                ca.der())).id();
    }

    @AfterAll
    static void tearDown() {
        persistence.close();
    }

    @BeforeEach
    void nodes() {
        hub = new RegistryHarness(persistence);
        otherNode = new RegistryReads();
        otherNode.cache = new RegistryCache();
    }

    @Test
    void repeatedChecksCostOneSelectOfTheVersion() {
        Sender sender = newSender();
        String agreement = "CACHE" + sender.member();
        Sender partner = newSender();
        change(h -> h.agreements.create(ADMIN, agreement, "Cache FTA", LocalDate.of(2026, 1, 1), null,
                List.of(sender.member(), partner.member())));
        statements.reset();
        routeAndCheck(otherNode, sender, partner, agreement);
        int cold = statements.selects().size();

        statements.reset();
        for (int i = 0; i < 5; i++) {
            assertThat(check(otherNode, sender).accepted()).isTrue();
        }
        List<String> checks = statements.selects();
        statements.reset();
        routeAndCheck(otherNode, sender, partner, agreement);
        List<String> warm = statements.selects();

        System.out.printf("registry cache: sender check, route and anchors: %d SELECTs cold, %d warm;"
                + " 5 sender checks warm: %d SELECTs%n", cold, warm.size(), checks.size());
        assertThat(checks).hasSize(5).allMatch(sql -> sql.contains("registry_version"));
        assertThat(warm).singleElement().asString().contains("registry_version");
        assertThat(cold).isGreaterThan(5);
    }

    @Test
    void aGatewaySuspensionTakesEffectOnTheNextCheckOnEveryNode() {
        Sender sender = warmedSender();

        change(h -> h.gateways.suspend(ADMIN, sender.gatewayId(), "incident"));

        assertVerdictEverywhere(sender, Verdict.GATEWAY_SUSPENDED);
        assertThat(otherNodeGateway(sender).status()).isEqualTo(GatewayStatus.SUSPENDED);
        change(h -> h.gateways.reactivate(ADMIN, sender.gatewayId(), "resolved"));
        assertVerdictEverywhere(sender, Verdict.ACCEPTED);
    }

    @Test
    void aRevocationTakesEffectOnTheNextCheckOnEveryNode() {
        Sender sender = warmedSender();

        change(h -> h.gateways.revokeCertificate(ADMIN, sender.fingerprint(), "key compromise"));

        assertVerdictEverywhere(sender, Verdict.CERTIFICATE_REVOKED);
    }

    @Test
    void aCrlImportTakesEffectOnTheNextCheckOnEveryNode() {
        Sender sender = warmedSender();

        change(h -> {
            try {
                h.trustAnchors.importCrl(ADMIN, anchorId, TestPki.crl(ca, sender.certificate().certificate())
                        .getEncoded());
            } catch (CRLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertVerdictEverywhere(sender, Verdict.CERTIFICATE_REVOKED);
    }

    @Test
    void aCertificateRotationTakesEffectOnTheNextCheckOnEveryNode() {
        Sender sender = warmedSender();
        TestPki.Issued next = TestPki.leaf(ca, "CN=next." + sender.member()).build();
        RequestView rotation = hub.tx(h -> h.requests.submitCertificate(ADMIN, SubmissionChannel.API,
                sender.gatewayId(), next.der(), "rotation", false));
        Sender staged = new Sender(sender.member(), sender.gatewayId(), rotation.certificateFingerprint(), next);
        assertVerdictEverywhere(staged, Verdict.UNKNOWN_CERTIFICATE);
        assertThat(otherNodeSigningCertificates(sender)).containsExactly(sender.fingerprint());

        change(h -> h.requests.approve(ADMIN, rotation.id(), "ok"));
        assertVerdictEverywhere(staged, Verdict.ACCEPTED);
        assertThat(otherNodeSigningCertificates(sender)).as("a push answer may be signed with either")
                .containsExactlyInAnyOrder(sender.fingerprint(), staged.fingerprint());
        change(h -> h.gateways.activateStaged(ADMIN, sender.gatewayId()));

        assertVerdictEverywhere(sender, Verdict.CERTIFICATE_SUPERSEDED);
        assertVerdictEverywhere(staged, Verdict.ACCEPTED);
        assertThat(otherNodeSigningCertificates(sender)).containsExactly(staged.fingerprint());
    }

    @Test
    void aMemberSuspensionTakesEffectOnTheNextCheckOnEveryNode() {
        Sender sender = warmedSender();
        assertThat(otherNodeMemberActive(sender)).isTrue();

        change(h -> h.memberStates.suspend(ADMIN, sender.member(), "arrears"));

        assertVerdictEverywhere(sender, Verdict.MEMBER_NOT_ACTIVE);
        assertThat(otherNodeMemberActive(sender)).as("the recipient's member state, as routing reads it").isFalse();
    }

    @Test
    void aChangeWrittenBehindEveryNodesBackIsSeenThroughTheVersionAlone() throws SQLException {
        Sender sender = warmedSender();

        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement suspend = c.prepareStatement("UPDATE gateway SET status = 'SUSPENDED' WHERE id = ?");
                    PreparedStatement advance = c.prepareStatement(
                            "UPDATE registry_version SET version = version + 1 WHERE id = 1")) {
                suspend.setLong(1, sender.gatewayId());
                suspend.executeUpdate();
                advance.executeUpdate();
            }
            c.commit();
        }

        assertVerdictEverywhere(sender, Verdict.GATEWAY_SUSPENDED);
    }

    @Test
    void everyRegistryChangeButARefusalMovesTheVersionAndOnlyIfItCommits() {
        for (RegistryAction action : RegistryAction.values()) {
            long before = version();
            hub.run(h -> h.reads.onRegistryChanged(RegistryChanged.of(ADMIN, action, "Test", 1, null, "test")));
            assertThat(version()).as(action.name()).isEqualTo(before + 1);

            hub.run(h -> h.reads.onRegistryChanged(RegistryChanged.refusal(ADMIN, action, "Test", 1, null, "no")));
            assertThat(version()).as("refused " + action.name()).isEqualTo(before + 1);
        }
        long before = version();
        try {
            hub.run(h -> {
                h.reads.onRegistryChanged(RegistryChanged.of(ADMIN, RegistryAction.GATEWAY_SUSPENDED, "Gateway", 1,
                        null, "rolled back"));
                throw new IllegalStateException("the change fails after its event");
            });
        } catch (IllegalStateException expected) {
            assertThat(version()).as("a change that rolls back leaves the version").isEqualTo(before);
        }
        assertThat(version()).isEqualTo(before);
    }

    /** Runs a registry change, checks that the version moved once per change announced, and tells this node. */
    private void change(Consumer<RegistryHarness> work) {
        long before = version();
        hub.changes.clear();
        hub.run(work);
        List<RegistryChanged> fired = hub.changes.fired();
        assertThat(version()).as("the version moves with every change announced: %s", fired)
                .isEqualTo(before + fired.stream().filter(c -> !c.refused()).count());
        fired.forEach(hub.cache::changedHere);
    }

    private long version() {
        return persistence.inTransaction(em -> {
            return ((Number) em.createNativeQuery("SELECT version FROM registry_version WHERE id = 1")
                    .getSingleResult()).longValue();
        });
    }

    private Sender newSender() {
        int n = NEXT_CODE.getAndIncrement();
        String member = "" + (char) ('Q' + n / 26) + (char) ('A' + n % 26);
        change(h -> h.memberStates.register(ADMIN, member, "Cache member " + member));
        TestPki.Issued certificate = TestPki.leaf(ca, "CN=gw." + member).build();
        RequestView request = hub.tx(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API, member,
                "gw", DeliveryMode.PULL, null, PERMISSIONS, certificate.der(), null));
        Long gatewayId = hub.tx(h -> h.requests.approve(ADMIN, request.id(), "checked")).gatewayId();
        hub.changes.fired().forEach(hub.cache::changedHere);
        return new Sender(member, gatewayId, request.certificateFingerprint(), certificate);
    }

    /** A sender both nodes have checked, so that both keep its facts. */
    private Sender warmedSender() {
        Sender sender = newSender();
        assertVerdictEverywhere(sender, Verdict.ACCEPTED);
        return sender;
    }

    private void assertVerdictEverywhere(Sender sender, Verdict verdict) {
        assertThat(hub.tx(h -> h.reads.checkSender(sender.fingerprint(), Instant.now())).verdict())
                .as("this node").isEqualTo(verdict);
        assertThat(check(otherNode, sender).verdict()).as("the other node").isEqualTo(verdict);
    }

    private SenderCheck check(RegistryReads node, Sender sender) {
        return persistence.inTransaction(em -> {
            node.em = em;
            return node.checkSender(sender.fingerprint(), Instant.now());
        });
    }

    /** What a submission reads in its transaction: the trust anchors, the sender, both gateways, the agreement. */
    private void routeAndCheck(RegistryReads node, Sender sender, Sender recipient, String agreement) {
        persistence.inTransaction((jakarta.persistence.EntityManager em) -> {
            node.em = em;
            RegistryView view = node.current();
            assertThat(view.trustAnchors()).isNotEmpty();
            assertThat(view.sender(sender.fingerprint(), Instant.now()).accepted()).isTrue();
            assertThat(view.gateway(sender.gatewayId())).get().matches(g -> g.isActive());
            assertThat(view.signingCertificates(recipient.gatewayId())).containsExactly(recipient.fingerprint());
            assertThat(view.member(recipient.member())).get().matches(m -> m.isActive() && m.gateways().size() == 1);
            assertThat(view.agreement(agreement)).get().matches(a -> a.hasParty(recipient.member()));
        });
    }

    private org.originhub.registry.cache.entity.GatewayFacts otherNodeGateway(Sender sender) {
        return persistence.inTransaction(em -> {
            otherNode.em = em;
            return otherNode.current().gateway(sender.gatewayId()).orElseThrow();
        });
    }

    private java.util.Set<String> otherNodeSigningCertificates(Sender sender) {
        return persistence.inTransaction(em -> {
            otherNode.em = em;
            return otherNode.current().signingCertificates(sender.gatewayId());
        });
    }

    private boolean otherNodeMemberActive(Sender sender) {
        return persistence.inTransaction(em -> {
            otherNode.em = em;
            return otherNode.current().member(sender.member()).orElseThrow().isActive();
        });
    }
}
