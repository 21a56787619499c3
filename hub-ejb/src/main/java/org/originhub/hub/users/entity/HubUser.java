package org.originhub.hub.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in to the hub (console, admin REST API). Aggregate root of the users feature.
 *
 * <p>Life cycle: created {@link AccountStatus#ACTIVE} (by the first-administrator bootstrap or by an administrator,
 * then with must-change-password set). Each wrong password adds one consecutive failure; reaching the policy's maximum
 * locks the account until a moment in the future, during which every login is refused without looking at the
 * password. Once that moment has passed the lock and the counter are cleared on the next attempt; a successful login
 * also clears the counter. An administrator may disable the account (no login at all) and enable it again, which also
 * lifts a lockout. The password hash is replaced on a password change and when its iteration count is raised.
 *
 * <p>The username never changes. The hash never leaves the users feature.
 */
@Entity
@Table(name = "hub_user")
@NamedQuery(name = HubUser.BY_USERNAME, query = "SELECT u FROM HubUser u WHERE u.username = :username")
@NamedQuery(name = HubUser.ALL, query = "SELECT u FROM HubUser u ORDER BY u.username")
@NamedQuery(name = HubUser.COUNT, query = "SELECT COUNT(u) FROM HubUser u")
@NamedQuery(name = HubUser.COUNT_ACTIVE_IN_ROLE,
        query = "SELECT COUNT(u) FROM HubUser u WHERE u.role = :role AND u.status = :status")
public class HubUser {

    public static final String BY_USERNAME = "HubUser.byUsername";
    public static final String ALL = "HubUser.all";
    public static final String COUNT = "HubUser.count";
    public static final String COUNT_ACTIVE_IN_ROLE = "HubUser.countActiveInRole";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "username", nullable = false, updatable = false, length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 20)
    private Role role;

    @Column(name = "member_code", length = 2)
    private String memberCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 10)
    private AccountStatus status;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 64)
    private String createdBy;

    @Version
    private long version;

    protected HubUser() {
    }

    public HubUser(String username, String passwordHash, Role role, String memberCode, boolean mustChangePassword,
            String createdBy, Instant now) {
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        assign(role, memberCode);
        this.status = AccountStatus.ACTIVE;
        this.passwordChangedAt = now;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = now;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    }

    /** True while a lockout is in force at {@code now}. */
    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * Clears a lockout whose time has passed, together with the failure count that caused it, so that the user
     * starts afresh with the full number of attempts.
     */
    public void releaseExpiredLock(Instant now) {
        if (lockedUntil != null && !now.isBefore(lockedUntil)) {
            lockedUntil = null;
            failedLogins = 0;
        }
    }

    /**
     * Counts one more consecutive wrong password.
     *
     * @return true when this failure locked the account (then {@link #lockedUntil()} says until when)
     */
    public boolean recordFailedLogin(Instant now, LockoutPolicy policy) {
        releaseExpiredLock(now);
        failedLogins++;
        if (policy.locks() && failedLogins >= policy.maxFailures() && !isLockedAt(now)) {
            lockedUntil = now.plus(policy.lockout());
            return true;
        }
        return false;
    }

    /** A correct password ends the run of failures. */
    public void recordSuccessfulLogin() {
        failedLogins = 0;
        lockedUntil = null;
    }

    public void changePassword(String newHash, boolean mustChangeNext, Instant now) {
        this.passwordHash = Objects.requireNonNull(newHash, "newHash");
        this.mustChangePassword = mustChangeNext;
        this.passwordChangedAt = now;
    }

    /** The same password, stored again with stronger hashing parameters; not a password change. */
    public void rehashPassword(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash, "newHash");
    }

    public void assign(Role newRole, String newMemberCode) {
        Objects.requireNonNull(newRole, "role");
        if (!newRole.acceptsMemberCode(newMemberCode)) {
            throw new IllegalArgumentException(newRole + " does not accept the member code " + newMemberCode);
        }
        this.role = newRole;
        this.memberCode = newMemberCode;
    }

    public void disable() {
        status = AccountStatus.DISABLED;
    }

    /** Lets the user sign in again; also lifts a lockout, since an administrator has looked at the account. */
    public void enable() {
        status = AccountStatus.ACTIVE;
        failedLogins = 0;
        lockedUntil = null;
    }

    public boolean isDisabled() {
        return status == AccountStatus.DISABLED;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public String memberCode() {
        return memberCode;
    }

    public AccountStatus status() {
        return status;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
