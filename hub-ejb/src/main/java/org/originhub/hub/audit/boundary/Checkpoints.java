package org.originhub.hub.audit.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.audit.control.AuditChainVerifier;
import org.originhub.hub.audit.control.AuditCheckpointForm;
import org.originhub.hub.audit.entity.AuditCheckpoint;
import org.originhub.hub.audit.entity.AuditEntry;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.audit.entity.Outcome;
import org.originhub.hub.users.boundary.AuthenticatedUser;

/**
 * Signed checkpoints of the audit chain. Every {@value #PERIOD} (ISO-8601 duration, default {@value #DEFAULT_PERIOD})
 * while new records arrive, the hub appends an {@code AUDIT_CHECKPOINT} record and signs the chain head that this
 * record now is (so an idle chain gets no further checkpoints, and the checkpoint vouches for its own record). The
 * secretariat can also take one at once. Every node runs the timer; the decision is re-taken under the lock of the
 * chain head, so one head gets one checkpoint whatever the number of nodes (and the primary key would refuse a
 * second).
 */
@Stateless
public class Checkpoints {

    public static final String PERIOD = "HUB_AUDIT_CHECKPOINT_PERIOD";
    public static final String DEFAULT_PERIOD = "PT10M";
    /** Fingerprints of earlier hub certificates whose checkpoints still count after the hub's key was changed. */
    public static final String TRUSTED_SIGNERS = "HUB_AUDIT_TRUSTED_SIGNERS";
    public static final int MAX_LIMIT = 500;

    private static final Logger LOG = Logger.getLogger(Checkpoints.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    AuditTrail trail;

    @Inject
    CheckpointSigner signer;

    @Inject
    @ConfigProperty(name = PERIOD, defaultValue = DEFAULT_PERIOD)
    String period;

    @Inject
    @ConfigProperty(name = TRUSTED_SIGNERS)
    Optional<String> earlierSigners;

    Clock clock = Clock.systemUTC();

    /** Every minute on every node; only a due checkpoint is taken (see {@link #checkpointIfDue}). */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void everyMinute() {
        try {
            checkpointIfDue().ifPresent(c -> LOG.fine(() -> "Audit checkpoint taken at seq " + c.seq()));
        } catch (RuntimeException e) {
            // The next minute tries again; meanwhile the chain is still verifiable up to the last checkpoint.
            LOG.log(Level.WARNING, "Taking an audit checkpoint failed", e);
        }
    }

    /**
     * Takes a checkpoint if records arrived since the last one and the period has passed since it (or there is none
     * yet and the chain is not empty). Checked without a lock first, so an idle minute costs two small reads.
     */
    public Optional<CheckpointView> checkpointIfDue() {
        Duration every = period();
        if (!due(latestSeqAndTime(), em.createQuery("SELECT h.seq FROM AuditHead h", Long.class).getSingleResult(),
                every)) {
            return Optional.empty();
        }
        AuditHead head = em.find(AuditHead.class, AuditHead.SINGLE_ROW, LockModeType.PESSIMISTIC_WRITE);
        // A locking read: a plain one would still see this transaction's snapshot (REPEATABLE READ), taken before
        // the lock, and miss the checkpoint another node committed while this one waited.
        Optional<Object[]> last = em.createQuery("SELECT c FROM AuditCheckpoint c ORDER BY c.seq DESC",
                AuditCheckpoint.class).setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(1).getResultList()
                .stream().findFirst().map(c -> new Object[] {c.seq(), c.createdAt()});
        if (!due(last, head.seq(), every)) {
            return Optional.empty(); // another node took it while this one waited for the lock
        }
        return Optional.of(CheckpointView.of(take(AuditEntry.byHub("hub", AuditChainVerifier.CHECKPOINT_ACTION, Outcome.SUCCESS),
                "scheduled, period " + every)));
    }

    /** A checkpoint now, whatever the period: the secretariat's call. Refused (and recorded) for any other role. */
    public CheckpointView checkpointNow(AuthenticatedUser caller) {
        if (caller.role() != org.originhub.hub.users.entity.Role.SECRETARIAT_ADMIN) {
            trail.record(AuditEntry.byUser(caller.username(), caller.memberCode(),
                    AuditChainVerifier.CHECKPOINT_ACTION, Outcome.REJECTED).about("AuditCheckpoint", null)
                    .withDetail("role=" + caller.role()));
            throw new AuditAccessRefusedException("Only the secretariat's administrators take checkpoints");
        }
        em.find(AuditHead.class, AuditHead.SINGLE_ROW, LockModeType.PESSIMISTIC_WRITE);
        return CheckpointView.of(take(AuditEntry.byUser(caller.username(), caller.memberCode(),
                AuditChainVerifier.CHECKPOINT_ACTION, Outcome.SUCCESS), "on request"));
    }

    /** The newest checkpoint, as published in the registry directory. Not recorded: it is public to members. */
    public Optional<CheckpointView> latest() {
        return latestEntity().map(CheckpointView::of);
    }

    /**
     * Checkpoints newest first, for auditors and member auditors (a checkpoint names no member state) and the
     * secretariat. Recorded like every other read of the audit log.
     */
    public CheckpointPage list(AuthenticatedUser caller, Long after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidAuditQueryException("limit must be between 1 and " + MAX_LIMIT);
        }
        String detail = "checkpoints after=" + after + " limit=" + limit;
        switch (caller.role()) {
            case AUDITOR, MEMBER_AUDITOR, SECRETARIAT_ADMIN -> {
                // may read
            }
            default -> {
                record(caller, Outcome.REJECTED, detail);
                throw new AuditAccessRefusedException("Your role may not read the audit log");
            }
        }
        List<AuditCheckpoint> found = em.createQuery("SELECT c FROM AuditCheckpoint c WHERE c.seq < :after "
                + "ORDER BY c.seq DESC", AuditCheckpoint.class).setParameter("after", after == null ? Long.MAX_VALUE
                        : after).setMaxResults(limit + 1).getResultList();
        List<CheckpointView> views = new ArrayList<>();
        for (int i = 0; i < found.size() && i < limit; i++) {
            views.add(CheckpointView.of(found.get(i)));
        }
        record(caller, Outcome.SUCCESS, detail + " returned=" + views.size());
        return new CheckpointPage(views, found.size() > limit ? found.get(limit - 1).seq() : null);
    }

    /**
     * Whose checkpoints count when the chain is verified: the hub's current certificate and the earlier ones named in
     * {@value #TRUSTED_SIGNERS} (comma-separated SHA-256 fingerprints). A checkpoint by any other certificate is a
     * forgery, however well it is signed.
     */
    public Set<String> trustedSigners() {
        Set<String> trusted = new HashSet<>();
        trusted.add(AuditCheckpointForm.fingerprint(encoded()));
        earlierSigners.ifPresent(list -> Arrays.stream(list.split(","))
                .map(s -> s.strip().replace(":", "").toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .forEach(trusted::add));
        return trusted;
    }

    Duration period() {
        try {
            Duration every = Duration.parse(period.strip());
            if (every.isNegative() || every.isZero()) {
                throw new IllegalStateException(PERIOD + " must be positive, e.g. PT10M, not " + period);
            }
            return every;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(PERIOD + " must be an ISO-8601 duration such as PT10M, not " + period, e);
        }
    }

    private boolean due(Optional<Object[]> last, long headSeq, Duration every) {
        if (last.isEmpty()) {
            return headSeq > 0;
        }
        long lastSeq = (Long) last.get()[0];
        java.time.Instant lastTime = (java.time.Instant) last.get()[1];
        return headSeq > lastSeq && !clock.instant().isBefore(lastTime.plus(every));
    }

    private Optional<Object[]> latestSeqAndTime() {
        return em.createQuery("SELECT c.seq, c.createdAt FROM AuditCheckpoint c ORDER BY c.seq DESC", Object[].class)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    private Optional<AuditCheckpoint> latestEntity() {
        return em.createQuery("SELECT c FROM AuditCheckpoint c ORDER BY c.seq DESC", AuditCheckpoint.class)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    /**
     * Appends the AUDIT_CHECKPOINT record and signs the head it becomes. The caller holds the chain head's lock, so
     * no record can slip in between. The signature is checked before it is stored: a key that does not match its
     * certificate would otherwise produce checkpoints nobody can verify.
     */
    private AuditCheckpoint take(AuditEntry by, String trigger) {
        byte[] certificate = encoded();
        String fingerprint = AuditCheckpointForm.fingerprint(certificate);
        String algorithm = signer.algorithm();
        long seq = trail.record(by.about("AuditCheckpoint", null).withDetail("signs this record; " + trigger
                + "; signer=" + fingerprint + " algorithm=" + algorithm));
        AuditRecord head = em.find(AuditRecord.class, seq);
        byte[] signature = signer.sign(AuditCheckpointForm.signedBytes(seq, head.hash(), head.recordedAt()));
        String problem = AuditCheckpointForm.signatureProblem(seq, head.hash(), head.recordedAt(), algorithm,
                signature, fingerprint, certificate);
        if (problem != null) {
            throw new IllegalStateException("The hub's checkpoint signer is misconfigured: " + problem);
        }
        AuditCheckpoint checkpoint = new AuditCheckpoint(seq, head.hash(), head.recordedAt(), algorithm, signature,
                fingerprint, certificate);
        em.persist(checkpoint);
        return checkpoint;
    }

    private byte[] encoded() {
        try {
            return signer.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("The hub's certificate cannot be encoded", e);
        }
    }

    private void record(AuthenticatedUser caller, Outcome outcome, String detail) {
        trail.record(AuditEntry.byUser(caller.username(), caller.memberCode(), "AUDIT_QUERIED", outcome)
                .about("AuditLog", null).withDetail(detail));
    }
}
