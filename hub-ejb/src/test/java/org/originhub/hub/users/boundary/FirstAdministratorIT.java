package org.originhub.hub.users.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.users.boundary.UserEvent.UserCreated;
import org.originhub.hub.users.control.PasswordHashing;
import org.originhub.hub.users.entity.HubUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.testing.RecordingEvent;
import org.originhub.registry.testing.TestPersistence;

/** The first administrator on an empty database, against a real MariaDB with the real migrations. */
@ExtendWith(EmbeddedDatabaseExtension.class)
class FirstAdministratorIT {

    private static final String GIVEN = "given admin password";
    private static TestPersistence persistence;

    private final RecordingEvent<UserEvent> events = new RecordingEvent<>();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger log = Logger.getLogger(FirstAdministrator.class.getName());
    private final PasswordHashing hashing = new PasswordHashing(PasswordHashing.MINIMUM_ITERATIONS);

    @BeforeAll
    static void start(DataSource dataSource) {
        persistence = TestPersistence.of(dataSource, HubUser.class);
    }

    @AfterAll
    static void stop() {
        persistence.close();
    }

    @BeforeEach
    void noUsers() {
        persistence.inTransaction(em -> {
            em.createQuery("DELETE FROM HubUser").executeUpdate();
        });
        log.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        log.removeHandler(capture);
    }

    @Test
    void theAdministratorGetsThePasswordFromTheEnvironmentWhichIsNeverLogged() {
        schemaReady(Optional.of(GIVEN));

        HubUser admin = stored("admin");
        assertThat(admin.role()).isEqualTo(Role.SECRETARIAT_ADMIN);
        assertThat(admin.mustChangePassword()).isFalse();
        assertThat(admin.createdBy()).isEqualTo("system");
        assertThat(authenticate("admin", GIVEN)).isEqualTo(
                new AuthenticatedUser("admin", Role.SECRETARIAT_ADMIN, null));
        assertThat(logged).isNotEmpty().noneSatisfy(r -> assertThat(r.getMessage()).contains(GIVEN));
        assertThat(events.of(UserCreated.class)).singleElement().satisfies(e -> {
            assertThat(e.username()).isEqualTo("admin");
            assertThat(e.role()).isEqualTo(Role.SECRETARIAT_ADMIN);
            assertThat(e.by()).isEqualTo("system");
        });
    }

    @Test
    void withoutAPasswordInTheEnvironmentOneIsGeneratedAndLoggedOnceInABanner() {
        schemaReady(Optional.empty());

        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings).hasSize(1);
        Matcher shown = Pattern.compile("password: (\\S+)").matcher(warnings.get(0).getMessage());
        assertThat(shown.find()).isTrue();
        String password = shown.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(warnings.get(0).getMessage()).contains("FIRST ADMINISTRATOR").contains("username: admin");
        assertThat(stored("admin").mustChangePassword()).isTrue();
        assertThat(authenticate("admin", password).role()).isEqualTo(Role.SECRETARIAT_ADMIN);

        logged.clear();
        schemaReady(Optional.empty());

        assertThat(count()).isEqualTo(1);
        assertThat(logged).noneSatisfy(r -> assertThat(r.getMessage()).contains(password));
        assertThat(events.of(UserCreated.class)).hasSize(1);
    }

    @Test
    void onceAnyUserExistsNothingIsCreatedAndTheEnvironmentPasswordIsIgnored() {
        persistence.inTransaction(em -> {
            em.persist(new HubUser("someone", hashing.hash("some password 1"), Role.OPERATOR, null, false, "test",
                    java.time.Instant.now()));
        });

        schemaReady(Optional.of(GIVEN));

        assertThat(count()).isEqualTo(1);
        assertThat(events.fired()).isEmpty();
        assertThat(logged).anySatisfy(r -> assertThat(r.getMessage()).contains("ignored"))
                .noneSatisfy(r -> assertThat(r.getMessage()).contains(GIVEN));
    }

    @Test
    void anUnacceptablePasswordFromTheEnvironmentCreatesNobodyAndSaysWhyWithoutShowingIt() {
        schemaReady(Optional.of("short"));

        assertThat(count()).isZero();
        assertThat(logged).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getMessage()).contains("HUB_ADMIN_PASSWORD").contains("at least 12")
                    .doesNotContain("short)");
        });
    }

    private void schemaReady(Optional<String> environment) {
        FirstAdministrator first = new FirstAdministrator();
        first.events = events;
        first.configuredPassword = environment;
        first.passwords = hashing;
        persistence.inTransaction(em -> {
            first.em = em;
            first.onSchemaReady(new SchemaReady("3"));
        });
    }

    private AuthenticatedUser authenticate(String username, String password) {
        Users users = new Users();
        users.events = new RecordingEvent<>();
        users.passwords = hashing;
        users.maxFailures = 5;
        users.lockoutMinutes = 15;
        return persistence.inTransaction(em -> {
            users.em = em;
            return users.authenticate(username, password);
        });
    }

    private static HubUser stored(String username) {
        return persistence.inTransaction(em -> {
            return em.createNamedQuery(HubUser.BY_USERNAME, HubUser.class).setParameter("username", username)
                    .getSingleResult();
        });
    }

    private static long count() {
        return persistence.inTransaction(em -> {
            return em.createNamedQuery(HubUser.COUNT, Long.class).getSingleResult();
        });
    }
}
