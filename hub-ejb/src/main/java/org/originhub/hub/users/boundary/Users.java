package org.originhub.hub.users.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.users.boundary.UserEvent.AccountLocked;
import org.originhub.hub.users.boundary.UserEvent.LoginFailed;
import org.originhub.hub.users.boundary.UserEvent.LoginSucceeded;
import org.originhub.hub.users.boundary.UserEvent.PasswordChanged;
import org.originhub.hub.users.boundary.UserEvent.RoleChanged;
import org.originhub.hub.users.boundary.UserEvent.UserCreated;
import org.originhub.hub.users.boundary.UserEvent.UserDisabled;
import org.originhub.hub.users.boundary.UserEvent.UserEnabled;
import org.originhub.hub.users.control.PasswordHashing;
import org.originhub.hub.users.control.PasswordPolicy;
import org.originhub.hub.users.entity.AccountStatus;
import org.originhub.hub.users.entity.HubUser;
import org.originhub.hub.users.entity.LockoutPolicy;
import org.originhub.hub.users.entity.Role;
import org.originhub.hub.users.entity.Roles;

/**
 * Hub users: authentication (with an optional lockout after {@code HUB_LOGIN_MAX_FAILURES} consecutive failures for
 * {@code HUB_LOGIN_LOCKOUT_MINUTES}, off unless set) and their administration. Every security-relevant outcome fires a
 * {@link UserEvent} inside the transaction. Administration is for secretariat administrators only; authentication and
 * changing one's own password (which needs the current one) are open, as they are how a caller proves who it is.
 */
@Stateless
public class Users {

    /** The actor recorded when no user acted (start-up tasks). */
    public static final String SYSTEM = "system";

    /** Lower-case, so that names compare the same in Java and in the case-insensitive column. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final int PRINTABLE_USERNAME_LENGTH = 64;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<UserEvent> events;

    @Resource
    SessionContext session;

    @Inject
    @ConfigProperty(name = "HUB_LOGIN_MAX_FAILURES", defaultValue = "0")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "HUB_LOGIN_LOCKOUT_MINUTES", defaultValue = "15")
    int lockoutMinutes;

    PasswordHashing passwords = new PasswordHashing();
    Clock clock = Clock.systemUTC();

    /**
     * Checks a username and password.
     *
     * @throws InvalidCredentialsException unknown user or wrong password (one message for both)
     * @throws AccountLockedException too many failed logins; refused whatever the password
     * @throws AccountDisabledException disabled by an administrator
     */
    @PermitAll
    public AuthenticatedUser authenticate(String username, String password) {
        Instant now = clock.instant();
        HubUser user = verified(username, password, now);
        events.fire(new LoginSucceeded(user.username(), now));
        return new AuthenticatedUser(user.username(), user.role(), user.memberCode());
    }

    /**
     * Replaces the caller's own password; the current one proves who is asking, and a wrong one counts as a failed
     * login. Clears must-change-password.
     *
     * @throws PasswordRejectedException the new password breaks the {@link PasswordPolicy} or equals the current one
     */
    @PermitAll
    public void changePassword(String username, String oldPassword, String newPassword) {
        Instant now = clock.instant();
        String canonical = canonical(username).orElse(username);
        acceptablePassword(canonical, newPassword);
        if (newPassword.equals(oldPassword)) {
            throw new PasswordRejectedException("the new password must differ from the current one");
        }
        HubUser user = verified(username, oldPassword, now);
        user.changePassword(passwords.hash(newPassword), false, now);
        events.fire(new PasswordChanged(user.username(), user.username(), now));
    }

    /**
     * Creates an active user who must change the given initial password at first sign-in.
     *
     * @param memberCode ISO 3166-1 alpha-2 code for {@link Role#MEMBER_AUDITOR}, null for every other role
     */
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public UserSummary createUser(String username, String initialPassword, Role role, String memberCode) {
        String name = canonical(username).orElseThrow(() -> new InvalidUserException("A username has 3 to 64 "
                + "characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
        String code = acceptableMemberCode(role, memberCode);
        acceptablePassword(name, initialPassword);
        if (find(name).isPresent()) {
            throw new DuplicateUsernameException(name);
        }
        Instant now = clock.instant();
        HubUser user = new HubUser(name, passwords.hash(initialPassword), role, code, true, actor(), now);
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            // Another transaction created the same name between the check and the insert.
            throw new DuplicateUsernameException(name);
        }
        events.fire(new UserCreated(name, role, code, actor(), now));
        return UserSummary.of(user);
    }

    /** Gives a user another role (and member code, for a member auditor). Never demotes the last administrator. */
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public UserSummary setRole(String username, Role role, String memberCode) {
        String code = acceptableMemberCode(role, memberCode);
        HubUser user = existing(username);
        Role previousRole = user.role();
        String previousCode = user.memberCode();
        if (previousRole == role && Objects.equals(previousCode, code)) {
            return UserSummary.of(user);
        }
        if (role != Role.SECRETARIAT_ADMIN) {
            keepOneAdministrator(user);
        }
        user.assign(role, code);
        events.fire(new RoleChanged(user.username(), previousRole, previousCode, role, code, actor(),
                clock.instant()));
        return UserSummary.of(user);
    }

    /** Stops a user from signing in. Never disables the last active administrator. */
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public UserSummary disable(String username) {
        HubUser user = existing(username);
        if (!user.isDisabled()) {
            keepOneAdministrator(user);
            user.disable();
            events.fire(new UserDisabled(user.username(), actor(), clock.instant()));
        }
        return UserSummary.of(user);
    }

    /** Lets a user sign in again; also lifts a lockout and clears the failure count. */
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public UserSummary enable(String username) {
        HubUser user = existing(username);
        if (user.isDisabled() || user.failedLogins() > 0 || user.lockedUntil() != null) {
            user.enable();
            events.fire(new UserEnabled(user.username(), actor(), clock.instant()));
        }
        return UserSummary.of(user);
    }

    /**
     * Replaces a user's password with an initial one that the user must change at the next sign-in (for a user who
     * forgot theirs). Does not lift a lockout or a disabled account: {@link #enable} does that.
     */
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public UserSummary resetPassword(String username, String initialPassword) {
        HubUser user = existing(username);
        acceptablePassword(user.username(), initialPassword);
        Instant now = clock.instant();
        user.changePassword(passwords.hash(initialPassword), true, now);
        events.fire(new PasswordChanged(user.username(), actor(), now));
        return UserSummary.of(user);
    }

    /**
     * The account of a user who signed in earlier, as it is now, or empty when it no longer exists or is disabled.
     * The console asks on every request of a session, so that disabling a user or changing a role takes effect at
     * once rather than when the session ends. A lockout does not end a session: it protects against guessing, and
     * someone else's wrong passwords must not sign the owner out.
     */
    @PermitAll
    public Optional<UserSummary> activeAccount(String username) {
        return find(username).filter(user -> !user.isDisabled()).map(UserSummary::of);
    }

    /** Every user, by username. */
    @RolesAllowed(Roles.SECRETARIAT_ADMIN)
    public List<UserSummary> list() {
        return em.createNamedQuery(HubUser.ALL, HubUser.class).getResultList().stream()
                .map(UserSummary::of).toList();
    }

    /** The signed-in caller as the database knows it now. */
    @RolesAllowed({Roles.SECRETARIAT_ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.MEMBER_AUDITOR})
    public AuthenticatedUser caller() {
        HubUser user = existing(actor());
        return new AuthenticatedUser(user.username(), user.role(), user.memberCode());
    }

    /**
     * The user whose password is {@code password}, after counting the attempt. The password is verified outside the
     * row lock (it takes a quarter of a second); the counters are then updated under a row lock so that concurrent
     * attempts cannot lose a failure.
     */
    private HubUser verified(String username, String password, Instant now) {
        HubUser user = find(username).orElse(null);
        if (user == null) {
            passwords.verifyNothing(password);
            events.fire(new LoginFailed(printable(username), LoginFailure.UNKNOWN_USER, now));
            throw new InvalidCredentialsException();
        }
        if (user.isDisabled() || user.isLockedAt(now)) {
            // The same work as for any other attempt, so that a barred account answers no faster than an active one.
            passwords.verify(password, user.passwordHash());
            refuseIfBarred(user, now);
        }
        if (!passwords.verify(password, user.passwordHash())) {
            em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
            boolean lockedNow = user.recordFailedLogin(now, lockoutPolicy());
            events.fire(new LoginFailed(user.username(), LoginFailure.WRONG_PASSWORD, now));
            if (lockedNow) {
                events.fire(new AccountLocked(user.username(), user.failedLogins(), user.lockedUntil(), now));
            }
            throw new InvalidCredentialsException();
        }
        boolean rehash = passwords.needsRehash(user.passwordHash());
        if (user.failedLogins() > 0 || user.lockedUntil() != null || rehash) {
            em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
            refuseIfBarred(user, now);
            user.recordSuccessfulLogin();
            if (rehash) {
                user.rehashPassword(passwords.hash(password));
            }
        }
        return user;
    }

    private void refuseIfBarred(HubUser user, Instant now) {
        if (user.isDisabled()) {
            events.fire(new LoginFailed(user.username(), LoginFailure.ACCOUNT_DISABLED, now));
            throw new AccountDisabledException();
        }
        if (user.isLockedAt(now)) {
            events.fire(new LoginFailed(user.username(), LoginFailure.ACCOUNT_LOCKED, now));
            throw new AccountLockedException(user.lockedUntil());
        }
    }

    private void keepOneAdministrator(HubUser user) {
        if (user.role() == Role.SECRETARIAT_ADMIN && user.status() == AccountStatus.ACTIVE
                && em.createNamedQuery(HubUser.COUNT_ACTIVE_IN_ROLE, Long.class)
                        .setParameter("role", Role.SECRETARIAT_ADMIN).setParameter("status", AccountStatus.ACTIVE)
                        .getSingleResult() <= 1) {
            throw new LastAdministratorException(user.username());
        }
    }

    private LockoutPolicy lockoutPolicy() {
        return LockoutPolicy.of(maxFailures, lockoutMinutes);
    }

    private Optional<HubUser> find(String username) {
        return canonical(username).flatMap(name -> em.createNamedQuery(HubUser.BY_USERNAME, HubUser.class)
                .setParameter("username", name).getResultStream().findFirst());
    }

    private HubUser existing(String username) {
        return find(username).orElseThrow(() -> new UnknownUserException(printable(username)));
    }

    private String actor() {
        return session == null ? SYSTEM : session.getCallerPrincipal().getName();
    }

    /** The stored form of a username, or empty when it cannot be one (so it is never looked up). */
    static Optional<String> canonical(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String lower = username.toLowerCase(Locale.ROOT);
        return USERNAME.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }

    private static String acceptableMemberCode(Role role, String memberCode) {
        if (role == null) {
            throw new InvalidUserException("A user needs a role");
        }
        String code = memberCode == null || memberCode.isBlank() ? null : memberCode.strip().toUpperCase(Locale.ROOT);
        if (!role.acceptsMemberCode(code)) {
            throw new InvalidUserException(role.isScopedToMember()
                    ? "A member auditor needs the ISO 3166-1 alpha-2 code of one member state"
                    : "Only a member auditor has a member code");
        }
        return code;
    }

    private static void acceptablePassword(String username, String password) {
        PasswordPolicy.problemWith(username, password).ifPresent(problem -> {
            throw new PasswordRejectedException(problem);
        });
    }

    /** What a caller sent as a username, made safe for an audit record or a log line. */
    static String printable(String username) {
        if (username == null) {
            return "";
        }
        String shortened = username.length() > PRINTABLE_USERNAME_LENGTH
                ? username.substring(0, PRINTABLE_USERNAME_LENGTH) : username;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
