package org.originhub.hub.retention.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.audit.boundary.AuditAccessRefusedException;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.retention.control.PayloadPurge;
import org.originhub.hub.retention.control.RetentionPolicy;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.entity.Role;
import org.originhub.registry.events.Actor;

/**
 * The payload retention policy: payloads of documents no longer pending and received more than
 * {@code HUB_PAYLOAD_RETENTION} ago (default {@value RetentionPolicy#DEFAULT}) are purged, in batches of
 * {@code HUB_PAYLOAD_PURGE_BATCH}, each in a transaction of its own ({@link PayloadPurge}); legal holds keep theirs.
 * Every purged payload gets a {@code PAYLOAD_PURGED} record and every run a {@code PAYLOAD_RETENTION_RUN} record with
 * its totals. Driven daily by {@link RetentionTimer}; the secretariat can run it at once ({@link #purgeNow}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {

    @Inject
    PayloadPurge purge;

    @Inject
    @ConfigProperty(name = RetentionPolicy.KEY, defaultValue = RetentionPolicy.DEFAULT)
    String retention = RetentionPolicy.DEFAULT;

    @Inject
    @ConfigProperty(name = "HUB_PAYLOAD_PURGE_BATCH", defaultValue = "100")
    int batch = 100;

    Clock clock = Clock.systemUTC();

    RetentionPolicy policy;

    @PostConstruct
    void configure() {
        policy = RetentionPolicy.parse(retention);
        if (batch < 1) {
            throw new IllegalArgumentException("HUB_PAYLOAD_PURGE_BATCH must be at least 1, not " + batch);
        }
    }

    /** The scheduled run, as the hub. */
    public PurgeReport purgeDue() {
        return run(Actor.hub(), "scheduled");
    }

    /** The secretariat runs the purge now (the same policy, nothing purged earlier than it allows). */
    public PurgeReport purgeNow(AuthenticatedUser caller) {
        if (caller.role() != Role.SECRETARIAT_ADMIN) {
            purge.record(AuditEntry.byUser(caller.username(), caller.memberCode(), "PAYLOAD_RETENTION_RUN",
                    Outcome.REJECTED).about("PayloadRetention", null).withDetail("role=" + caller.role()));
            throw new AuditAccessRefusedException("Only the secretariat's administrators run the retention purge");
        }
        return run(Actor.user(caller.username()), "on request");
    }

    /** The policy in force, e.g. {@code P10Y}. */
    public String retention() {
        return policy().toString();
    }

    private PurgeReport run(Actor actor, String trigger) {
        RetentionPolicy applied = policy();
        Instant now = now();
        Instant cutoff = applied.cutoff(now);
        String why = "retention=" + applied;
        long purged = 0;
        int batches = 0;
        String first = null;
        String last = null;
        PayloadPurge.Batch done;
        do {
            done = purge.purgeBatch(cutoff, batch, now, actor, why);
            if (done.purged() > 0) {
                batches++;
                purged += done.purged();
                first = first == null ? done.firstTracking() : first;
                last = done.lastTracking();
            }
        } while (done.full());
        long held = purge.heldBack(cutoff);
        purge.record(AuditEntry.by(actor, "PAYLOAD_RETENTION_RUN", Outcome.SUCCESS).about("PayloadRetention", null)
                .withDetail(trigger + " " + why + " cutoff=" + cutoff + " purged=" + purged + " batches=" + batches
                        + (first == null ? "" : " first=" + first + " last=" + last) + " heldBack=" + held));
        return new PurgeReport(applied.toString(), cutoff, purged, batches, first, last, held);
    }

    private RetentionPolicy policy() {
        if (policy == null) {
            configure();
        }
        return policy;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
