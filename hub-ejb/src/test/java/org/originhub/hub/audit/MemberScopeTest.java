package org.originhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.originhub.hub.audit.control.MemberScope;
import org.originhub.hub.audit.control.MemberScope.Parties;
import org.originhub.hub.audit.control.MemberScope.Reach;
import org.originhub.hub.users.entity.Role;

class MemberScopeTest {

    @Test
    void auditorsAndTheSecretariatReadEveryMemberStateAMemberAuditorItsOwnAndAnOperatorNothing() {
        assertThat(Reach.of(Role.AUDITOR)).isEqualTo(Reach.EVERY_MEMBER_STATE);
        assertThat(Reach.of(Role.SECRETARIAT_ADMIN)).isEqualTo(Reach.EVERY_MEMBER_STATE);
        assertThat(Reach.of(Role.MEMBER_AUDITOR)).isEqualTo(Reach.OWN_MEMBER_STATE);
        assertThat(Reach.of(Role.OPERATOR)).isEqualTo(Reach.NOTHING);
    }

    @Test
    void aMemberAuditorsQueryHasItsOwnMemberStateAsTheMember() {
        assertThat(MemberScope.narrow("KE", null, null)).contains(new Parties("KE", null));
        assertThat(MemberScope.narrow("KE", "KE", "UG")).contains(new Parties("KE", "UG"));
        assertThat(MemberScope.narrow("KE", null, "UG")).as("no member: its own")
                .contains(new Parties("KE", "UG"));
        assertThat(MemberScope.narrow("KE", "UG", "KE")).as("named as the counterpart: turned round")
                .contains(new Parties("KE", "UG"));
        assertThat(MemberScope.narrow("KE", "UG", null)).isEmpty();
        assertThat(MemberScope.narrow("KE", "UG", "TZ")).isEmpty();
    }

    @Test
    void aRecordConcernsAMemberStateThatIsOneOfItsParties() {
        assertThat(MemberScope.concerns("KE", null, "UG", "KE")).isTrue();
        assertThat(MemberScope.concerns("KE", "UG", "TZ", null)).isFalse();
        assertThat(MemberScope.concerns("KE")).isFalse();
    }
}
