package org.originhub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.originhub.hub.users.entity.Role;

/** The per-view role table covers every view file, and says what the issue asks of each role. */
class ConsoleViewTest {

    private static final Path VIEWS = Path.of("src/main/webapp/console");

    @Test
    void everyViewFileHasAnEntryInTheAccessTableAndEveryEntryAFile() throws IOException {
        List<String> files;
        try (Stream<Path> found = Files.list(VIEWS)) {
            files = found.map(p -> ConsoleView.FOLDER + p.getFileName()).sorted().toList();
        }
        List<String> table = Arrays.stream(ConsoleView.values()).map(ConsoleView::path).sorted().toList();

        assertThat(files).as("a view without an entry in ConsoleView is never served: add one")
                .containsExactlyElementsOf(table);
    }

    @Test
    void onlyTheLoginPageIsPublicAndUsersAreForAdministratorsOnly() {
        assertThat(Arrays.stream(ConsoleView.values()).filter(ConsoleView::isPublic)).containsExactly(
                ConsoleView.LOGIN);
        assertThat(ConsoleView.USERS.roles()).containsExactly(Role.SECRETARIAT_ADMIN);
        assertThat(ConsoleView.AUDIT.roles()).containsExactlyInAnyOrder(Role.SECRETARIAT_ADMIN, Role.AUDITOR,
                Role.MEMBER_AUDITOR);
        assertThat(ConsoleView.GATEWAYS.admits(Role.MEMBER_AUDITOR)).as("registry pages are not scoped by member")
                .isFalse();
        assertThat(ConsoleView.DASHBOARD.admits(null)).isFalse();
    }

    @Test
    void aMemberAuditorLandsOnItsAuditLogAndEveryoneElseOnTheDashboard() {
        assertThat(ConsoleView.home(Role.MEMBER_AUDITOR)).isEqualTo(ConsoleView.AUDIT);
        for (Role role : new Role[] {Role.SECRETARIAT_ADMIN, Role.OPERATOR, Role.AUDITOR}) {
            assertThat(ConsoleView.home(role)).isEqualTo(ConsoleView.DASHBOARD);
        }
    }

    @Test
    void actionsFollowTheRolesOfTheIssue() {
        assertThat(ConsoleAction.MANAGE_USERS.roles()).containsExactly(Role.SECRETARIAT_ADMIN);
        assertThat(ConsoleAction.MANAGE_TRUST_ANCHORS.roles()).containsExactly(Role.SECRETARIAT_ADMIN);
        assertThat(ConsoleAction.OPERATE_GATEWAYS.roles()).containsExactlyInAnyOrder(Role.SECRETARIAT_ADMIN,
                Role.OPERATOR);
        for (ConsoleAction action : ConsoleAction.values()) {
            if (action != ConsoleAction.OWN_ACCOUNT && action != ConsoleAction.READ_REGISTRY
                    && action != ConsoleAction.READ_AUDIT_LOG && action != ConsoleAction.VERIFY_AUDIT_CHAIN
                    && action != ConsoleAction.READ_MESSAGE_LOG) {
                assertThat(action.admits(Role.AUDITOR)).as("auditors are read-only: " + action).isFalse();
                assertThat(action.admits(Role.MEMBER_AUDITOR)).as("member auditors are read-only: " + action)
                        .isFalse();
            }
        }
    }

    @Test
    void theMessagePagesAdmitTheRolesTheMessageLogServesAndResendIsTheSecretariatsOperation() {
        for (ConsoleView view : new ConsoleView[] {ConsoleView.MESSAGES, ConsoleView.MESSAGE, ConsoleView.CO_LOOKUP}) {
            assertThat(view.roles()).as(view.name()).containsExactlyInAnyOrder(Role.SECRETARIAT_ADMIN, Role.AUDITOR,
                    Role.MEMBER_AUDITOR);
        }
        assertThat(ConsoleAction.READ_MESSAGE_LOG.roles()).isEqualTo(ConsoleView.MESSAGES.roles());
        assertThat(ConsoleAction.RESEND_DELIVERIES.roles()).containsExactlyInAnyOrder(Role.SECRETARIAT_ADMIN,
                Role.OPERATOR);
        assertThat(ConsoleView.DASHBOARD.roles()).contains(Role.OPERATOR);
    }
}
