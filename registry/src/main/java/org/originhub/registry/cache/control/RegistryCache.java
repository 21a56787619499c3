package org.originhub.registry.cache.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.originhub.registry.cache.control.VersionedEntries.Generation;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.events.RegistryChangedElsewhere;

/**
 * What this node keeps of the registry, valid for one registry version (see {@link VersionedEntries}). The version
 * read on every use decides; dropping everything when a change ends here or is relayed from another node only makes
 * the next use load at once instead of keeping entries no caller will ask for again.
 */
@ApplicationScoped
public class RegistryCache {

    /** Entries per version: a registry of 200 member states needs about a thousand. */
    public static final int CAPACITY = 10_000;

    private final VersionedEntries entries = new VersionedEntries(CAPACITY);

    public Generation at(long version) {
        return entries.at(version);
    }

    /** A change of this node ended: committed, or rolled back (then nothing kept may have seen it). */
    public void changedHere(@Observes(during = TransactionPhase.AFTER_COMPLETION) RegistryChanged change) {
        if (!change.refused()) {
            entries.clear();
        }
    }

    /** The data-grid relay: another node committed a change, or this node rejoined after a split. */
    public void changedElsewhere(@Observes RegistryChangedElsewhere change) {
        entries.clear();
    }
}
