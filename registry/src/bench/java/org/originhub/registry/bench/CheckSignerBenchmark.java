package org.originhub.registry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.authorities.entity.AuthorisedSigner;
import org.originhub.registry.authorities.entity.IssuingAuthority;
import org.originhub.registry.certificates.entity.RevocationList;
import org.originhub.registry.certificates.entity.RevokedSerial;
import org.originhub.registry.certificates.entity.TrustAnchor;
import org.originhub.registry.directory.entity.RegistrySerial;
import org.originhub.registry.events.Actor;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.requests.entity.OnboardingCode;
import org.originhub.registry.requests.entity.RegistrationRequest;
import org.originhub.registry.testing.RegistryHarness;
import org.originhub.registry.testing.TestPersistence;
import org.originhub.registry.testing.TestPki;

/**
 * How fast the registry answers CheckSigner (the real-time check customs run when a declaration is lodged), against
 * a baseline measured in the same run: a primary-key lookup of a member state, on the same embedded MariaDB and the
 * same EntityManager path (EclipseLink, no shared cache). Prints figures; asserts only that the answers are right, never a time.
 *
 * <pre>mvn -B -pl registry -am verify -Pbenchmark</pre>
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class CheckSignerBenchmark {

    private static final Actor ADMIN = Actor.user("bench");
    private static final int MEMBERS = 20;
    private static final int SIGNERS_PER_MEMBER = Integer.getInteger("bench.signersPerMember", 50);
    private static final int LOOKUPS = Integer.getInteger("bench.lookups", 20_000);
    private static final int PER_TRANSACTION = 100;

    @Test
    void checkSignerLookupsPerSecondAgainstAPrimaryKeyBaseline(DataSource dataSource) {
        try (TestPersistence persistence = TestPersistence.of(dataSource, MemberState.class,
                org.originhub.registry.certificates.entity.StoredCertificate.class, Agreement.class,
                TrustAnchor.class, RevocationList.class, RevokedSerial.class, Gateway.class, GatewayCertificate.class,
                DocumentPermission.class, IssuingAuthority.class, AuthorisedSigner.class, RegistrationRequest.class,
                OnboardingCode.class, RegistrySerial.class)) {
            RegistryHarness hub = new RegistryHarness(persistence);
            TestPki.Issued ca = TestPki.ca("CN=Bench CA " + System.nanoTime());
            hub.run(h -> h.trustAnchors.importAnchor(ADMIN, "Bench CA", ca.der()));
            KeyPair shared = TestPki.rsa(2048);
            List<String> members = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            long seedStart = System.nanoTime();
            for (int m = 0; m < MEMBERS; m++) {
                String code = "B" + (char) ('A' + m);
                members.add(code);
                hub.run(h -> h.memberStates.register(ADMIN, code, "Bench " + code));
                Long authority = hub.tx(h -> h.authorities.registerAuthority(ADMIN, code, "Authority " + code, null,
                        null)).id();
                for (int s = 0; s < SIGNERS_PER_MEMBER; s++) {
                    TestPki.Issued official = TestPki.leaf(ca, "CN=Official " + code + "-" + s).keys(shared).build();
                    int n = s;
                    fingerprints.add(hub.tx(h -> h.authorities.registerSigner(ADMIN, authority, "Official " + n,
                            official.der(), null, null, List.of())).fingerprint());
                }
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            // Warm up both paths, then measure each the same way: one transaction per lookup.
            measure(hub, members, fingerprints, 2_000, true);
            measure(hub, members, fingerprints, 2_000, false);
            double baseline = measure(hub, members, fingerprints, LOOKUPS, false);
            double checkSigner = measure(hub, members, fingerprints, LOOKUPS, true);

            System.out.printf("%nCheckSigner benchmark (embedded MariaDB 10.11, %d signers of %d members, seeded in "
                    + "%.1f s)%n", fingerprints.size(), MEMBERS, seedSeconds);
            System.out.printf("  baseline: member state by primary key  %,10.0f lookups/s%n", baseline);
            System.out.printf("  CheckSigner (signer+authority+rules)   %,10.0f lookups/s  = %.2f x baseline%n",
                    checkSigner, checkSigner / baseline);
        }
    }

    /**
     * Lookups in transactions of {@value #PER_TRANSACTION}: the test harness opens a new JDBC connection per transaction
     * (no pool outside the container), which would otherwise dominate both sides. The persistence context is cleared
     * before every lookup, so each one reads the database as a separate call in the hub does.
     */
    private static double measure(RegistryHarness hub, List<String> members, List<String> fingerprints, int count,
            boolean checkSigner) {
        long start = System.nanoTime();
        for (int batch = 0; batch < count; batch += PER_TRANSACTION) {
            int first = batch;
            hub.run(h -> {
                for (int i = first; i < first + PER_TRANSACTION; i++) {
                    String fingerprint = fingerprints.get(i % fingerprints.size());
                    String member = members.get((i % fingerprints.size()) / SIGNERS_PER_MEMBER);
                    h.clearPersistenceContext();
                    if (checkSigner) {
                        assertThat(h.authorities.checkSigner(fingerprint, member, null, Instant.now()).authorised())
                                .as(fingerprint + " for " + member).isTrue();
                    } else {
                        assertThat(h.memberStates.find(member).code()).isEqualTo(member);
                    }
                }
            });
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
