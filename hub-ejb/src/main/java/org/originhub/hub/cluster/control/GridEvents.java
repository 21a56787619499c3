package org.originhub.hub.cluster.control;

import java.util.UUID;
import org.originhub.hub.configuration.entity.NodeIncarnation;

/**
 * What the data grid tells this node, as {@link GridLink} hears it on the grid's own threads. The receiver is wrapped
 * in the application's context (a contextual proxy) and must return quickly: slow work goes to a managed executor.
 */
public interface GridEvents {

    /**
     * A member left the grid (it crashed, was stopped, or was cut off by a network split); {@code gone} is the node
     * start it published.
     */
    void memberLeft(UUID member, NodeIncarnation gone);

    /**
     * Another node may have changed the registry without this node knowing: a change committed on {@code node}
     * ({@code latencyMillis} from its commit to this call, by the two nodes' clocks), or a member list change that may
     * hide changes ({@code latencyMillis} null).
     */
    void changedElsewhere(String node, String reason, Long latencyMillis);
}
