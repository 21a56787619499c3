package org.originhub.hub.audit.control;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.originhub.hub.audit.entity.AuditCheckpoint;

/**
 * The signed checkpoints in sequence order, read a page at a time alongside the records that an export or a
 * verification walks, rather than all at once: at the default period a year brings 52,560 of them, each with its
 * certificate.
 */
public final class CheckpointStream {

    private static final int CHECKPOINT_PAGE = 1_000;

    private final EntityManager em;
    private List<AuditCheckpoint> page = List.of();
    private int next;
    private long after;
    private boolean exhausted;
    private long count;

    /** A stream of every checkpoint, or of none when {@code enabled} is false. */
    public CheckpointStream(EntityManager em, boolean enabled) {
        this.em = em;
        this.exhausted = !enabled;
    }

    /** The next checkpoint if it names a record up to {@code seq}, else null (it stays next). */
    public AuditCheckpoint nextUpTo(long seq) {
        if (next >= page.size()) {
            if (exhausted) {
                return null;
            }
            page = em.createQuery("SELECT c FROM AuditCheckpoint c WHERE c.seq > :after ORDER BY c.seq",
                    AuditCheckpoint.class).setParameter("after", after).setMaxResults(CHECKPOINT_PAGE)
                    .getResultList();
            next = 0;
            exhausted = page.size() < CHECKPOINT_PAGE;
            if (page.isEmpty()) {
                return null;
            }
            after = page.get(page.size() - 1).seq();
        }
        AuditCheckpoint c = page.get(next);
        if (c.seq() > seq) {
            return null;
        }
        next++;
        count++;
        return c;
    }

    /** How many checkpoints {@link #nextUpTo} has returned. */
    public long count() {
        return count;
    }
}
