package org.originhub.hub.delivery.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.originhub.hub.configuration.control.NodeIdentity;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.delivery.control.DeliveryQueue;

/**
 * Releases the delivery claims of a node start that is known to be gone, so that what it was pushing is pushed again
 * at once instead of after {@code HUB_DELIVERY_LEASE}: a node that starts again releases what its earlier starts held
 * (same {@code HUB_NODE_NAME}; a node without a configured name has a new name each start, and its claims wait out
 * their lease), and the survivors release what a node held that left the data grid (the cluster feature calls
 * {@link #releaseHeldBy}). Each release is one transaction with its audit record, then a delivery round starts.
 *
 * <p>What a network split costs: a node cut off from the grid but still alive and still reaching the database is
 * "gone" for the others, who release its claims and push those documents again, while it may still finish its own
 * pushes of them. A recipient may then receive a document twice (the same tracking number: recipients are idempotent
 * by it), and the hub records only the push that finished under its own claim token as the claim's outcome; the
 * other's attempt is recorded as an attempt, and the first acknowledgement counts. Nothing is lost and nothing is
 * recorded twice as delivered.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryClaims {

    private static final Logger LOG = Logger.getLogger(DeliveryClaims.class.getName());

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryTimer timer;

    @Inject
    NodeIdentity node;

    /**
     * When this node's schema is ready: releases the claims its earlier starts left behind (it crashed or was killed
     * while pushing). Public: an observer on a session bean must be one of its business methods.
     */
    public void releaseEarlierStarts(@Observes SchemaReady ready) {
        try {
            int released = queue.releaseEarlier(node.incarnation());
            if (released > 0) {
                LOG.info(() -> "Node " + node.name() + " released " + released + " delivery claim(s) of its earlier "
                        + "starts; they are pushed again now");
                timer.deliverNow();
            }
        } catch (RuntimeException e) {
            // the claims then wait out their lease, as before
            LOG.log(Level.WARNING, "Releasing the delivery claims of earlier starts of " + node.name() + " failed",
                    e);
        }
    }

    /**
     * Releases the claims of the node start {@code gone} ({@code why}: it left the data grid), and starts a delivery
     * round when there were any. Idempotent: every survivor may call it.
     *
     * @return how many claims this call released
     */
    public int releaseHeldBy(NodeIncarnation gone, String why) {
        int released = queue.releaseHeldBy(gone, why, node.incarnation());
        if (released > 0) {
            LOG.info(() -> "Node " + node.name() + " released " + released + " delivery claim(s) of " + gone + " ("
                    + why + "); they are pushed again now");
            timer.deliverNow();
        } else {
            LOG.fine(() -> "No delivery claim of " + gone + " left to release (" + why + ")");
        }
        return released;
    }
}
