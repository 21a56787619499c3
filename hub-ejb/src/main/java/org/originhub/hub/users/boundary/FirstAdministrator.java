package org.originhub.hub.users.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.users.boundary.UserEvent.UserCreated;
import org.originhub.hub.users.control.PasswordGenerator;
import org.originhub.hub.users.control.PasswordHashing;
import org.originhub.hub.users.control.PasswordPolicy;
import org.originhub.hub.users.entity.HubUser;
import org.originhub.hub.users.entity.Role;

/**
 * On an empty user table, creates {@value #USERNAME}, a secretariat administrator, so that someone can sign in to a
 * fresh hub. Its password is {@code HUB_ADMIN_PASSWORD} from the environment (never logged), or else generated and
 * logged once, in a banner at WARNING, with must-change-password set. Once any user exists this does nothing, and
 * {@code HUB_ADMIN_PASSWORD} is ignored.
 */
@Stateless
public class FirstAdministrator {

    public static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<UserEvent> events;

    @Resource
    SessionContext session;

    @Inject
    @ConfigProperty(name = "HUB_ADMIN_PASSWORD")
    Optional<String> configuredPassword;

    PasswordHashing passwords = new PasswordHashing();
    Clock clock = Clock.systemUTC();

    /** Runs once per node when the schema is ready, in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void onSchemaReady(@Observes SchemaReady ready) {
        createIfNoUserExists();
    }

    /** @return true when this call created the first administrator */
    boolean createIfNoUserExists() {
        if (em.createNamedQuery(HubUser.COUNT, Long.class).getSingleResult() > 0) {
            configuredPassword.ifPresent(ignored -> LOG.info(
                    "HUB_ADMIN_PASSWORD is set but ignored: the hub has users already; remove it from the environment"));
            return false;
        }
        Optional<String> given = configuredPassword.filter(password -> !password.isEmpty());
        if (given.isPresent()) {
            Optional<String> problem = PasswordPolicy.problemWith(USERNAME, given.get());
            if (problem.isPresent()) {
                LOG.severe("HUB_ADMIN_PASSWORD is not acceptable (" + problem.get() + "); no administrator was "
                        + "created. Set an acceptable one and restart the hub.");
                return false;
            }
        }
        String password = given.orElseGet(PasswordGenerator::generate);
        boolean generated = given.isEmpty();
        Instant now = clock.instant();
        try {
            em.persist(new HubUser(USERNAME, passwords.hash(password), Role.SECRETARIAT_ADMIN, null, generated,
                    Users.SYSTEM, now));
            em.flush();
        } catch (PersistenceException e) {
            // Several nodes started on an empty database at once, and another one won. Roll back quietly.
            if (session != null) {
                session.setRollbackOnly();
            }
            LOG.info("Another hub node created the first administrator");
            return false;
        }
        events.fire(new UserCreated(USERNAME, Role.SECRETARIAT_ADMIN, null, Users.SYSTEM, now));
        if (generated) {
            LOG.warning(banner(password));
        } else {
            LOG.info("First administrator '" + USERNAME + "' created with the password from HUB_ADMIN_PASSWORD");
        }
        return true;
    }

    private static String banner(String password) {
        String line = "*".repeat(78);
        return "\n" + line
                + "\n*  FIRST ADMINISTRATOR CREATED. THIS PASSWORD IS SHOWN ONCE AND NEVER AGAIN."
                + "\n*"
                + "\n*      username: " + USERNAME
                + "\n*      password: " + password
                + "\n*"
                + "\n*  Change it at the first sign-in. To choose the first password yourself instead, set"
                + "\n*  HUB_ADMIN_PASSWORD in the environment before the hub's first start."
                + "\n" + line;
    }
}
