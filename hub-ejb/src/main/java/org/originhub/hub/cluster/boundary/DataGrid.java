package org.originhub.hub.cluster.boundary;

import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.originhub.hub.cluster.control.GridEvents;
import org.originhub.hub.cluster.control.GridLink;
import org.originhub.hub.configuration.control.NodeIdentity;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.delivery.boundary.DeliveryClaims;
import org.originhub.registry.events.RegistryChanged;
import org.originhub.registry.events.RegistryChangedElsewhere;

/**
 * This node in the data grid of Payara Micro. Started with {@code --clustermode}, the nodes form one grid; the single
 * node runs {@code --nocluster}, where Payara keeps a grid of this one member that nobody joins (announcements reach
 * nobody, nobody leaves), and with {@code --nohazelcast} there is none at all: then this bean does nothing and says so
 * once at FINE. Once the schema is ready it links the node to the grid ({@link GridLink}) and from then on:
 * <ul>
 * <li>announces every registry change committed here (observed after the commit, refusals left out), so that every
 *     other node fires {@link RegistryChangedElsewhere} and drops what it cached of the registry;</li>
 * <li>fires {@link RegistryChangedElsewhere} here for the others' changes, and with the reason {@code rejoined} after
 *     a split or when a member joins (changes may have been committed out of earshot);</li>
 * <li>when a member leaves the grid, releases the delivery claims of the node start it published
 *     ({@link DeliveryClaims#releaseHeldBy}, which starts a delivery round), on the managed executor. Every survivor
 *     does it; the release is idempotent. What a network split costs is described on {@link DeliveryClaims}.</li>
 * </ul>
 * The grid is found where Payara binds it ({@code payara/Hazelcast} in JNDI) rather than injected: Payara's CDI
 * producer logs a warning at every injection when Hazelcast is switched off, where the lookup just finds nothing.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DataGrid {

    /** Where Payara binds the data grid's instance when clustering is on. */
    static final String GRID_JNDI_NAME = "payara/Hazelcast";
    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());

    @Inject
    NodeIdentity node;

    @Inject
    DeliveryClaims claims;

    @Inject
    Event<RegistryChangedElsewhere> changedElsewhere;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ContextService context;

    private volatile GridLink link;

    /** Links this node to the grid, if there is one. Public: an observer on a session bean is a business method. */
    public void join(@Observes SchemaReady ready) {
        if (link != null) {
            return;
        }
        Optional<HazelcastInstance> grid = payaraGrid();
        if (grid.isEmpty()) {
            LOG.fine("No data grid (Hazelcast is off): registry changes and delivery claims stay with this node");
            return;
        }
        GridEvents events = context.createContextualProxy(new Reactions(), GridEvents.class);
        GridLink joined = GridLink.join(grid.get(), node.incarnation(), events, Clock.systemUTC());
        link = joined;
        LOG.info(() -> "Node " + node.incarnation() + " is in the data grid as member " + joined.memberId() + " ("
                + joined.members() + " member(s))");
    }

    /**
     * After a registry change committed on this node: tells the others. A change that cannot be announced (the grid
     * is stopping) is logged; the other nodes' registry caches check the registry's version on use anyway.
     */
    public void announce(@Observes(during = TransactionPhase.AFTER_SUCCESS) RegistryChanged change) {
        GridLink current = link;
        if (current == null || change.refused()) {
            return;
        }
        try {
            current.announce(change.action() + (change.objectType() == null ? ""
                    : " " + change.objectType() + " " + change.objectId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A registry change (" + change.action() + ") could not be announced to the other "
                    + "nodes", e);
        }
    }

    @PreDestroy
    void leave() {
        GridLink current = link;
        link = null;
        if (current != null) {
            current.close();
        }
    }

    private static Optional<HazelcastInstance> payaraGrid() {
        try {
            return Optional.ofNullable((HazelcastInstance) new InitialContext().lookup(GRID_JNDI_NAME));
        } catch (NamingException e) {
            return Optional.empty();
        }
    }

    /** What this node does about what the grid reports; called through a contextual proxy on the grid's threads. */
    private final class Reactions implements GridEvents {

        @Override
        public void memberLeft(UUID member, NodeIncarnation gone) {
            if (gone.equals(node.incarnation())) {
                return;
            }
            LOG.info(() -> "Node " + gone + " left the data grid: releasing its delivery claims");
            try {
                executor.execute(() -> release(member, gone));
            } catch (RejectedExecutionException e) {
                LOG.warning(() -> "No thread to release the delivery claims of " + gone + " (" + e.getMessage()
                        + "); they wait out their lease");
            }
        }

        private void release(UUID member, NodeIncarnation gone) {
            try {
                claims.releaseHeldBy(gone, "it left the data grid");
                GridLink current = link;
                if (current != null) {
                    current.forget(member);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Releasing the delivery claims of " + gone + " failed; they wait out their "
                        + "lease", e);
            }
        }

        @Override
        public void changedElsewhere(String from, String reason, Long latencyMillis) {
            if (latencyMillis != null) {
                LOG.fine(() -> "Registry change on " + from + " (" + reason + ") reached " + node.name() + " in "
                        + latencyMillis + " ms");
            } else {
                LOG.info(() -> "Registry caches of " + node.name() + " dropped: " + reason);
            }
            changedElsewhere.fire(new RegistryChangedElsewhere(from, latencyMillis == null ? "rejoined" : reason));
        }
    }
}
