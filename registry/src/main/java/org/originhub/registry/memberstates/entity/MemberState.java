package org.originhub.registry.memberstates.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.originhub.registry.errors.ConflictException;
import org.originhub.registry.errors.InvalidInputException;

/**
 * A party of the community. Aggregate root. Life cycle: registered ACTIVE; ACTIVE &lt;-&gt; SUSPENDED;
 * ACTIVE or SUSPENDED -&gt; WITHDRAWN, which is final.
 */
@Entity
@Table(name = "member_state")
@NamedQuery(name = MemberState.ALL, query = "SELECT m FROM MemberState m ORDER BY m.code")
public class MemberState {

    public static final String ALL = "MemberState.all";
    static final int NAME_MAX = 200;

    @Id
    @Column(name = "code", length = 2)
    private String code;

    @Column(name = "name", nullable = false, length = NAME_MAX)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private MemberStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    @Version
    private long version;

    protected MemberState() {
    }

    public MemberState(MemberStateCode code, String name, Instant now) {
        this.code = code.value();
        this.name = validName(name);
        this.status = MemberStatus.ACTIVE;
        this.createdAt = now;
        this.statusChangedAt = now;
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("InvalidName", "A member state needs a name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > NAME_MAX) {
            throw new InvalidInputException("InvalidName", "A member state name has at most " + NAME_MAX
                    + " characters, this one has " + trimmed.length());
        }
        return trimmed;
    }

    public void rename(String newName) {
        this.name = validName(newName);
    }

    public void suspend(Instant now) {
        requireStatus(MemberStatus.ACTIVE, "suspend");
        changeStatus(MemberStatus.SUSPENDED, now);
    }

    public void reactivate(Instant now) {
        requireStatus(MemberStatus.SUSPENDED, "reactivate");
        changeStatus(MemberStatus.ACTIVE, now);
    }

    public void withdraw(Instant now) {
        if (status == MemberStatus.WITHDRAWN) {
            throw new ConflictException("InvalidTransition", "Member state " + code + " has already withdrawn");
        }
        changeStatus(MemberStatus.WITHDRAWN, now);
    }

    private void requireStatus(MemberStatus required, String verb) {
        if (status != required) {
            throw new ConflictException("InvalidTransition", "Cannot " + verb + " member state " + code
                    + ": it is " + status + ", not " + required);
        }
    }

    private void changeStatus(MemberStatus next, Instant now) {
        this.status = next;
        this.statusChangedAt = now;
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    public MemberStateCode code() {
        return new MemberStateCode(code);
    }

    public String name() {
        return name;
    }

    public MemberStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }
}
