package org.originhub.hub.audit.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.originhub.hub.audit.control.AuditCanonicalForm;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.UserEvent;
import org.originhub.registry.events.RegistryChanged;

/**
 * The one audit entry point. Joins the caller's transaction (REQUIRED): the record commits with the change it
 * records, or not at all. Appending locks the chain head, which orders records across hub nodes; times never go
 * backwards along the chain (see {@link AuditHead#nextTime}).
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Appends a record to the chain and returns its sequence number. */
    public long record(AuditEntry entry) {
        AuditHead head = lockedHead();
        return append(head, entry);
    }

    /**
     * Appends records in their order, as consecutive links of the chain, under one lock of the chain head: what a
     * batch (a pull of 100 documents, an acknowledgement of 100) records about each document.
     */
    public void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        AuditHead head = lockedHead();
        for (AuditEntry entry : entries) {
            append(head, entry);
        }
    }

    /**
     * The chain head, locked until the transaction ends. The transaction's own pending writes go to the database
     * first: otherwise they would be flushed at commit, while the head is held, and every audited change in the hub
     * would wait for the head while another transaction writes its rows. So the head is the last lock a transaction
     * takes, and it is held for the audit rows and the commit only.
     */
    private AuditHead lockedHead() {
        em.flush();
        AuditHead head = em.find(AuditHead.class, AuditHead.SINGLE_ROW, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit_head row missing: the audit migration did not run");
        }
        return head;
    }

    private long append(AuditHead head, AuditEntry entry) {
        long seq = head.seq() + 1;
        Instant at = head.nextTime(AuditCanonicalForm.truncate(clock.instant()));
        String hash = AuditCanonicalForm.hash(seq, at, entry, head.hash());
        em.persist(new AuditRecord(seq, at, entry, head.hash(), hash));
        head.advance(seq, hash, at);
        return seq;
    }

    /**
     * Users, roles, passwords, logins and failed logins (a failed login's transaction commits, so its record
     * does too). Never a password: the events carry none.
     */
    public void onUserEvent(@Observes UserEvent event) {
        String action;
        String actor = event.username();
        String detail = null;
        if (event instanceof UserEvent.UserCreated e) {
            action = "USER_CREATED";
            actor = e.by();
            detail = "role=" + e.role() + (e.memberCode() == null ? "" : " member=" + e.memberCode());
        } else if (event instanceof UserEvent.RoleChanged e) {
            action = "USER_ROLE_CHANGED";
            actor = e.by();
            detail = "role=" + e.previousRole() + "->" + e.role()
                    + (e.memberCode() == null ? "" : " member=" + e.memberCode());
        } else if (event instanceof UserEvent.PasswordChanged e) {
            action = "USER_PASSWORD_CHANGED";
            actor = e.by();
        } else if (event instanceof UserEvent.LoginSucceeded) {
            action = "LOGIN";
        } else if (event instanceof UserEvent.LoginFailed e) {
            action = "LOGIN_FAILED";
            detail = "reason=" + e.reason();
        } else if (event instanceof UserEvent.AccountLocked e) {
            action = "USER_LOCKED";
            detail = "failedLogins=" + e.failedLogins() + " lockedUntil=" + e.lockedUntil();
        } else if (event instanceof UserEvent.UserDisabled e) {
            action = "USER_DISABLED";
            actor = e.by();
        } else if (event instanceof UserEvent.UserEnabled e) {
            action = "USER_ENABLED";
            actor = e.by();
        } else {
            action = "USER_" + event.getClass().getSimpleName();
        }
        Outcome outcome = event instanceof UserEvent.LoginFailed ? Outcome.REJECTED : Outcome.SUCCESS;
        record(AuditEntry.byUser(actor, null, action, outcome).about("User", event.username()).withDetail(detail));
    }

    /** Every registry change and decision, in the registry's transaction. */
    public void onRegistryChanged(@Observes RegistryChanged change) {
        record(AuditEntry.by(change.actor(), change.action().name(), change.refused() ? Outcome.REJECTED
                : Outcome.SUCCESS).about(change.objectType(), change.objectId())
                .withExchange(null, null, change.memberCode(), null).withDetail(change.detail()));
    }
}
