package org.originhub.soap.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.originhub.registry.cache.boundary.RegistryReads;
import org.originhub.registry.gateways.boundary.SenderCheck;
import org.originhub.registry.gateways.boundary.SenderCheck.Verdict;
import org.originhub.registry.memberstates.entity.MemberStatus;
import org.originhub.soap.security.SenderStanding;
import org.originhub.soap.security.SenderStanding.Status;

/** The registry's verdicts as the security pipeline's standings; a member's withdrawal is read from its status. */
class RegistrySenderDirectoryTest {

    @Test
    void aWithdrawnMemberIsToldApartFromASuspendedOneByItsStatus() {
        assertThat(standing(MemberStatus.WITHDRAWN, "member state KE is WITHDRAWN").status())
                .isEqualTo(Status.MEMBER_WITHDRAWN);
        assertThat(standing(MemberStatus.SUSPENDED, "member state KE is SUSPENDED").status())
                .isEqualTo(Status.MEMBER_SUSPENDED);
        // the detail is words for people: a text that happens to name WITHDRAWN does not decide
        assertThat(standing(MemberStatus.SUSPENDED, "suspended after it WITHDRAWN its fees").status())
                .isEqualTo(Status.MEMBER_SUSPENDED);
        assertThat(standing(null, "member state KE is unknown").status()).isEqualTo(Status.MEMBER_SUSPENDED);
    }

    @Test
    void anAcceptedSenderKeepsItsMemberAndGateway() {
        SenderStanding standing = directory(new SenderCheck(Verdict.ACCEPTED, "KE", 7L, "gw", MemberStatus.ACTIVE,
                null)).lookup("ab");
        assertThat(standing.accepted()).isTrue();
        assertThat(standing.memberCode()).isEqualTo("KE");
        assertThat(standing.gatewayId()).isEqualTo("7");
    }

    private static SenderStanding standing(MemberStatus status, String detail) {
        SenderStanding standing = directory(new SenderCheck(Verdict.MEMBER_NOT_ACTIVE, "KE", 7L, "gw", status,
                detail)).lookup("ab");
        assertThat(standing.memberCode()).isEqualTo("KE");
        return standing;
    }

    private static RegistrySenderDirectory directory(SenderCheck answer) {
        RegistryReads registry = new RegistryReads() {
            @Override
            public SenderCheck checkSender(String fingerprint, Instant at) {
                return answer;
            }
        };
        return new RegistrySenderDirectory(registry, Clock.systemUTC());
    }
}
