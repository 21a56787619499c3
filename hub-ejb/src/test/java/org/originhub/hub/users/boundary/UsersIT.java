package org.originhub.hub.users.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.users.boundary.UserEvent.AccountLocked;
import org.originhub.hub.users.boundary.UserEvent.LoginFailed;
import org.originhub.hub.users.boundary.UserEvent.LoginSucceeded;
import org.originhub.hub.users.boundary.UserEvent.PasswordChanged;
import org.originhub.hub.users.boundary.UserEvent.RoleChanged;
import org.originhub.hub.users.boundary.UserEvent.UserCreated;
import org.originhub.hub.users.boundary.UserEvent.UserDisabled;
import org.originhub.hub.users.boundary.UserEvent.UserEnabled;
import org.originhub.hub.users.control.PasswordHashing;
import org.originhub.hub.users.entity.AccountStatus;
import org.originhub.hub.users.entity.HubUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.MutableClock;
import org.originhub.registry.testing.RecordingEvent;
import org.originhub.registry.testing.TestPersistence;

/**
 * The users boundary against a real MariaDB with the real migrations. Each call runs in its own transaction, as the
 * container would run it; a refused login commits, as {@code @ApplicationException(rollback = false)} makes the
 * container do.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class UsersIT {

    private static final String ROOT_PASSWORD = "root password 1";
    private static final String PASSWORD = "initial password 1";
    private static TestPersistence persistence;

    private final RecordingEvent<UserEvent> events = new RecordingEvent<>();
    // Whole seconds: Connector/J takes MariaDB 10.11 for MySQL 5.5.5 and drops the fractional seconds of bound
    // timestamps in this harness, so sub-second instants would not survive a round trip through the database.
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private Users users;

    @BeforeAll
    static void start(DataSource dataSource) {
        persistence = TestPersistence.of(dataSource, HubUser.class);
    }

    @AfterAll
    static void stop() {
        persistence.close();
    }

    @BeforeEach
    void onlyTheRootAdministrator() {
        users = new Users();
        users.events = events;
        users.clock = clock;
        users.maxFailures = 3;
        users.lockoutMinutes = 15;
        users.passwords = new PasswordHashing(PasswordHashing.MINIMUM_ITERATIONS);
        users.session = TestCaller.as("root");
        persistence.inTransaction(em -> {
            em.createQuery("DELETE FROM HubUser").executeUpdate();
            em.persist(new HubUser("root", users.passwords.hash(ROOT_PASSWORD), Role.SECRETARIAT_ADMIN, null, false,
                    Users.SYSTEM, clock.instant()));
        });
    }

    @Test
    void aCreatedUserAuthenticatesAndMustChangeTheInitialPassword() {
        UserSummary created = call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));

        assertThat(created.mustChangePassword()).isTrue();
        assertThat(created.createdBy()).isEqualTo("root");
        assertThat(created.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(created.toString()).doesNotContain("pbkdf2");
        assertThat(stored("alice").passwordHash()).startsWith("pbkdf2-sha256$" + PasswordHashing.MINIMUM_ITERATIONS)
                .doesNotContain(PASSWORD);

        AuthenticatedUser alice = call(u -> u.authenticate("alice", PASSWORD));

        assertThat(alice).isEqualTo(new AuthenticatedUser("alice", Role.OPERATOR, null));
        assertThat(events.fired()).hasSize(2);
        assertThat(events.of(UserCreated.class)).singleElement().satisfies(e -> {
            assertThat(e.username()).isEqualTo("alice");
            assertThat(e.role()).isEqualTo(Role.OPERATOR);
            assertThat(e.by()).isEqualTo("root");
        });
        assertThat(events.of(LoginSucceeded.class)).singleElement()
                .satisfies(e -> assertThat(e.username()).isEqualTo("alice"));
    }

    @Test
    void usernamesAreStoredInLowerCaseAndMatchedWithoutRegardToCase() {
        call(u -> u.createUser("Alice", PASSWORD, Role.OPERATOR, null));

        assertThat(call(u -> u.authenticate("ALICE", PASSWORD)).username()).isEqualTo("alice");
        assertThatThrownBy(() -> call(u -> u.createUser("alice", PASSWORD, Role.AUDITOR, null)))
                .isInstanceOf(DuplicateUsernameException.class);
        assertThatThrownBy(() -> call(u -> u.createUser("a b", PASSWORD, Role.AUDITOR, null)))
                .isInstanceOf(InvalidUserException.class);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswerButDifferentAuditReasons() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        events.clear();

        InvalidCredentialsException unknown = catchThrowableOfType(InvalidCredentialsException.class,
                () -> call(u -> u.authenticate("mallory", "guess number 1")));
        InvalidCredentialsException wrong = catchThrowableOfType(InvalidCredentialsException.class,
                () -> call(u -> u.authenticate("alice", "guess number 2")));

        assertThat(unknown.getMessage()).isEqualTo(wrong.getMessage()).isEqualTo("Invalid username or password");
        assertThat(events.of(LoginFailed.class)).extracting(LoginFailed::username, LoginFailed::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mallory", LoginFailure.UNKNOWN_USER),
                        org.assertj.core.groups.Tuple.tuple("alice", LoginFailure.WRONG_PASSWORD));
        assertThat(events.fired().toString()).doesNotContain("guess number");
        assertThat(stored("alice").failedLogins()).isEqualTo(1);
    }

    @Test
    void consecutiveWrongPasswordsLockTheAccountWhichThenRefusesEvenTheRightOne() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        events.clear();

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> call(u -> u.authenticate("alice", "wrong password")))
                    .isInstanceOf(InvalidCredentialsException.class);
            assertThat(stored("alice").failedLogins()).isEqualTo(attempt);
        }
        HubUser locked = stored("alice");
        assertThat(locked.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(events.of(AccountLocked.class)).singleElement().satisfies(e -> {
            assertThat(e.username()).isEqualTo("alice");
            assertThat(e.failedLogins()).isEqualTo(3);
            assertThat(e.lockedUntil()).isEqualTo(locked.lockedUntil());
        });

        AccountLockedException refused = catchThrowableOfType(AccountLockedException.class,
                () -> call(u -> u.authenticate("alice", PASSWORD)));

        assertThat(refused.lockedUntil()).isEqualTo(locked.lockedUntil());
        assertThat(refused.getMessage()).contains("locked").contains("until");
        assertThat(events.of(LoginFailed.class)).last()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(LoginFailure.ACCOUNT_LOCKED));
        assertThat(stored("alice").failedLogins()).isEqualTo(3);
    }

    @Test
    void byDefaultNoNumberOfWrongPasswordsLocksAnAccount() {
        users.maxFailures = 0;
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        events.clear();

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThatThrownBy(() -> call(u -> u.authenticate("alice", "wrong password")))
                    .isInstanceOf(InvalidCredentialsException.class);
        }

        assertThat(stored("alice").failedLogins()).as("still counted").isEqualTo(10);
        assertThat(stored("alice").lockedUntil()).isNull();
        assertThat(events.of(AccountLocked.class)).isEmpty();
        assertThat(call(u -> u.authenticate("alice", PASSWORD)).username()).isEqualTo("alice");
    }

    @Test
    void aLockExpiresAndTheUserStartsAfresh() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        lock("alice");

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThatThrownBy(() -> call(u -> u.authenticate("alice", PASSWORD)))
                .isInstanceOf(AccountLockedException.class);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> call(u -> u.authenticate("alice", "wrong password")))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(stored("alice").failedLogins()).isEqualTo(1);
        assertThat(stored("alice").lockedUntil()).isNull();

        assertThat(call(u -> u.authenticate("alice", PASSWORD)).username()).isEqualTo("alice");
        assertThat(stored("alice").failedLogins()).isZero();
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> call(u -> u.authenticate("alice", "wrong password")))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        call(u -> u.authenticate("alice", PASSWORD));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> call(u -> u.authenticate("alice", "wrong password")))
                    .isInstanceOf(InvalidCredentialsException.class);
        }

        assertThat(stored("alice").failedLogins()).isEqualTo(2);
        assertThat(call(u -> u.authenticate("alice", PASSWORD)).username()).isEqualTo("alice");
    }

    @Test
    void passwordChangesFollowThePolicyAndNeedTheCurrentPassword() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        events.clear();

        assertThatThrownBy(() -> run(u -> u.changePassword("alice", PASSWORD, "too short")))
                .isInstanceOf(PasswordRejectedException.class).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> call(u -> u.createUser("long.username", "Long.Username", Role.AUDITOR, null)))
                .isInstanceOf(PasswordRejectedException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> run(u -> u.changePassword("alice", PASSWORD, PASSWORD)))
                .isInstanceOf(PasswordRejectedException.class).hasMessageContaining("differ");
        assertThatThrownBy(() -> run(u -> u.changePassword("alice", "not the password", "a new password 2")))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(stored("alice").failedLogins()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        run(u -> u.changePassword("alice", PASSWORD, "a new password 2"));

        HubUser alice = stored("alice");
        assertThat(alice.mustChangePassword()).isFalse();
        assertThat(alice.passwordChangedAt()).isEqualTo(clock.instant());
        assertThat(alice.failedLogins()).isZero();
        assertThatThrownBy(() -> call(u -> u.authenticate("alice", PASSWORD)))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(call(u -> u.authenticate("alice", "a new password 2")).username()).isEqualTo("alice");
        assertThat(events.of(PasswordChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.by()).isEqualTo("alice"));
        assertThat(events.fired().toString()).doesNotContain(PASSWORD).doesNotContain("a new password 2");
    }

    @Test
    void aMemberAuditorBelongsToExactlyOneMemberState() {
        assertThatThrownBy(() -> call(u -> u.createUser("ke-auditor", PASSWORD, Role.MEMBER_AUDITOR, null)))
                .isInstanceOf(InvalidUserException.class);
        assertThatThrownBy(() -> call(u -> u.createUser("ke-auditor", PASSWORD, Role.MEMBER_AUDITOR, "KEN")))
                .isInstanceOf(InvalidUserException.class);
        assertThatThrownBy(() -> call(u -> u.createUser("auditor", PASSWORD, Role.AUDITOR, "KE")))
                .isInstanceOf(InvalidUserException.class);

        call(u -> u.createUser("ke-auditor", PASSWORD, Role.MEMBER_AUDITOR, "ke"));

        AuthenticatedUser auditor = call(u -> u.authenticate("ke-auditor", PASSWORD));
        assertThat(auditor).isEqualTo(new AuthenticatedUser("ke-auditor", Role.MEMBER_AUDITOR, "KE"));
    }

    @Test
    void rolesChangeAndAccountsAreDisabledAndEnabledWithEvents() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        lock("alice");
        events.clear();

        UserSummary auditor = call(u -> u.setRole("alice", Role.MEMBER_AUDITOR, "TZ"));
        assertThat(auditor.role()).isEqualTo(Role.MEMBER_AUDITOR);
        assertThat(auditor.memberCode()).isEqualTo("TZ");

        call(u -> u.disable("alice"));
        assertThat(stored("alice").status()).isEqualTo(AccountStatus.DISABLED);
        assertThatThrownBy(() -> call(u -> u.authenticate("alice", PASSWORD)))
                .isInstanceOf(AccountDisabledException.class);

        call(u -> u.enable("alice"));
        assertThat(call(u -> u.authenticate("alice", PASSWORD)).role()).isEqualTo(Role.MEMBER_AUDITOR);

        assertThat(events.of(RoleChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.previousRole()).isEqualTo(Role.OPERATOR);
            assertThat(e.role()).isEqualTo(Role.MEMBER_AUDITOR);
            assertThat(e.memberCode()).isEqualTo("TZ");
            assertThat(e.by()).isEqualTo("root");
        });
        assertThat(events.of(UserDisabled.class)).singleElement().satisfies(e -> assertThat(e.by()).isEqualTo("root"));
        assertThat(events.of(UserEnabled.class)).hasSize(1);
        assertThat(events.of(LoginFailed.class)).extracting(LoginFailed::reason)
                .containsExactly(LoginFailure.ACCOUNT_DISABLED);
    }

    @Test
    void theLastActiveAdministratorCanBeNeitherDisabledNorDemoted() {
        assertThatThrownBy(() -> call(u -> u.disable("root"))).isInstanceOf(LastAdministratorException.class);
        assertThatThrownBy(() -> call(u -> u.setRole("root", Role.AUDITOR, null)))
                .isInstanceOf(LastAdministratorException.class);

        call(u -> u.createUser("second", PASSWORD, Role.SECRETARIAT_ADMIN, null));

        assertThat(call(u -> u.disable("root")).status()).isEqualTo(AccountStatus.DISABLED);
    }

    @Test
    void aHashWithFewerIterationsIsReplacedAtTheNextSuccessfulLogin() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        users.passwords = new PasswordHashing(PasswordHashing.MINIMUM_ITERATIONS + 10_000);

        call(u -> u.authenticate("alice", PASSWORD));

        assertThat(stored("alice").passwordHash())
                .startsWith("pbkdf2-sha256$" + (PasswordHashing.MINIMUM_ITERATIONS + 10_000) + "$");
        assertThat(call(u -> u.authenticate("alice", PASSWORD)).username()).isEqualTo("alice");
    }

    @Test
    void theListShowsEveryUserWithoutHashesAndTheCallerIsKnown() {
        call(u -> u.createUser("alice", PASSWORD, Role.AUDITOR, null));

        assertThat(call(Users::list)).extracting(UserSummary::username).containsExactly("alice", "root");
        assertThat(call(Users::list).toString()).doesNotContain("pbkdf2");
        assertThat(call(Users::caller)).isEqualTo(new AuthenticatedUser("root", Role.SECRETARIAT_ADMIN, null));
    }

    @Test
    void anAdministratorResetsAPasswordToAnInitialOneThatMustBeChanged() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        run(u -> u.changePassword("alice", PASSWORD, "alice's own password"));
        events.clear();

        assertThatThrownBy(() -> call(u -> u.resetPassword("alice", "short")))
                .isInstanceOf(PasswordRejectedException.class);
        assertThatThrownBy(() -> call(u -> u.resetPassword("nobody", "a reset password 1")))
                .isInstanceOf(UnknownUserException.class);
        UserSummary reset = call(u -> u.resetPassword("alice", "a reset password 1"));

        assertThat(reset.mustChangePassword()).isTrue();
        assertThatThrownBy(() -> call(u -> u.authenticate("alice", "alice's own password")))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(call(u -> u.authenticate("alice", "a reset password 1")).username()).isEqualTo("alice");
        assertThat(events.of(PasswordChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.username()).isEqualTo("alice");
            assertThat(e.by()).isEqualTo("root");
        });
    }

    @Test
    void anActiveAccountIsFoundAsItIsNowAndADisabledOneNotAtAll() {
        call(u -> u.createUser("alice", PASSWORD, Role.OPERATOR, null));
        assertThat(account("Alice")).hasValueSatisfying(a -> {
            assertThat(a.role()).isEqualTo(Role.OPERATOR);
            assertThat(a.mustChangePassword()).isTrue();
        });

        call(u -> u.setRole("alice", Role.AUDITOR, null));
        assertThat(account("alice")).hasValueSatisfying(
                a -> assertThat(a.role()).isEqualTo(Role.AUDITOR));
        lock("alice");
        assertThat(account("alice")).as("a lockout does not end a session").isPresent();
        call(u -> u.disable("alice"));
        assertThat(account("alice")).isEmpty();
        assertThat(account("nobody")).isEmpty();
        assertThat(account(null)).isEmpty();
    }

    private java.util.Optional<UserSummary> account(String username) {
        return call(u -> u.activeAccount(username));
    }

    private void lock(String username) {
        for (int i = 0; i < users.maxFailures; i++) {
            assertThatThrownBy(() -> call(u -> u.authenticate(username, "wrong password")))
                    .isInstanceOf(LoginRefusedException.class);
        }
        assertThat(stored(username).lockedUntil()).isNotNull();
    }

    /** One boundary call in one transaction; a refused login commits before it is rethrown, as in the container. */
    private <T> T call(Function<Users, T> work) {
        AtomicReference<LoginRefusedException> refused = new AtomicReference<>();
        T result = persistence.inTransaction(em -> {
            users.em = em;
            try {
                return work.apply(users);
            } catch (LoginRefusedException e) {
                refused.set(e);
                return null;
            }
        });
        if (refused.get() != null) {
            throw refused.get();
        }
        return result;
    }

    private void run(java.util.function.Consumer<Users> work) {
        call(u -> {
            work.accept(u);
            return null;
        });
    }

    private static HubUser stored(String username) {
        return persistence.inTransaction(em -> {
            return em.createNamedQuery(HubUser.BY_USERNAME, HubUser.class).setParameter("username", username)
                    .getSingleResult();
        });
    }
}
