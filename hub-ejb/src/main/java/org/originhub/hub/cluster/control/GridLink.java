package org.originhub.hub.cluster.control;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.originhub.hub.configuration.entity.NodeIncarnation;

/**
 * This node's link to the data grid: it publishes the node's incarnation in a replicated map (member UUID to
 * {@code name/startId}, so that the survivors know whose claims a member that left held), announces this node's
 * registry changes on a topic, and turns what the grid reports into {@link GridEvents}:
 * <ul>
 * <li>a member removed (crashed, stopped, cut off): {@link GridEvents#memberLeft} with its published incarnation.
 *     On loopback or a LAN a killed process is seen gone within seconds (its connections are refused); a host that
 *     vanishes without closing them after the grid's heartbeat timeout.</li>
 * <li>a notice from another member: {@link GridEvents#changedElsewhere} with the time since its commit;</li>
 * <li>a member added, or this node merged back after a split ({@code MERGED}): {@link GridEvents#changedElsewhere}
 *     without a latency, since changes committed on the other side of a split were never announced here.</li>
 * </ul>
 * Every node hears every removal, so every survivor acts on it: what it triggers must be idempotent.
 */
public final class GridLink implements AutoCloseable {

    /** The topic of registry notices. */
    public static final String REGISTRY_TOPIC = "originhub.registry-changes";
    /** Member UUID to the incarnation it published. */
    public static final String INCARNATIONS = "originhub.node-incarnations";

    private static final Logger LOG = Logger.getLogger(GridLink.class.getName());

    private final HazelcastInstance grid;
    private final NodeIncarnation self;
    private final GridEvents events;
    private final Clock clock;
    private final ITopic<String> topic;
    private final ReplicatedMap<String, String> incarnations;
    private UUID membershipListener;
    private UUID lifecycleListener;
    private UUID topicListener;

    private GridLink(HazelcastInstance grid, NodeIncarnation self, GridEvents events, Clock clock) {
        this.grid = grid;
        this.self = self;
        this.events = events;
        this.clock = clock;
        this.topic = grid.getTopic(REGISTRY_TOPIC);
        this.incarnations = grid.getReplicatedMap(INCARNATIONS);
    }

    /** Publishes {@code self} on {@code grid} and starts listening; {@link #close} stops. */
    public static GridLink join(HazelcastInstance grid, NodeIncarnation self, GridEvents events, Clock clock) {
        GridLink link = new GridLink(grid, self, events, clock);
        link.publishSelf();
        link.membershipListener = grid.getCluster().addMembershipListener(link.new Membership());
        link.lifecycleListener = grid.getLifecycleService().addLifecycleListener(link::lifecycle);
        link.topicListener = link.topic.addMessageListener(link::notice);
        return link;
    }

    /** Tells the other members that a registry change committed here ({@code reason}, for their logs). */
    public void announce(String reason) {
        topic.publish(new RegistryNotice(self.node(), reason, clock.millis()).text());
    }

    /** This member's id in the grid. */
    public UUID memberId() {
        return grid.getCluster().getLocalMember().getUuid();
    }

    /** How many members the grid has now, this one included. */
    public int members() {
        return grid.getCluster().getMembers().size();
    }

    /** The incarnation {@code member} published, if it is still known. */
    public Optional<NodeIncarnation> incarnationOf(UUID member) {
        String text = incarnations.get(member.toString());
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(NodeIncarnation.parse(text));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Member " + member + " published an unreadable incarnation: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets what {@code member} published, once its claims were released. */
    public void forget(UUID member) {
        incarnations.remove(member.toString());
    }

    /**
     * Stops listening. The published incarnation stays: the survivors release this start's claims when the member
     * leaves the grid, however it leaves.
     */
    @Override
    public void close() {
        try {
            grid.getCluster().removeMembershipListener(membershipListener);
            grid.getLifecycleService().removeLifecycleListener(lifecycleListener);
            topic.removeMessageListener(topicListener);
        } catch (RuntimeException e) {
            // the grid shuts down with the node: nothing is left to stop
            LOG.log(Level.FINE, "The data grid had stopped before this node's listeners", e);
        }
    }

    private void publishSelf() {
        incarnations.put(memberId().toString(), self.toString());
    }

    private void notice(Message<String> message) {
        Member from = message.getPublishingMember();
        if (from != null && from.localMember()) {
            return; // this node's own change: its observers saw it in its transaction
        }
        Optional<RegistryNotice> notice = RegistryNotice.parse(message.getMessageObject());
        if (notice.isEmpty()) {
            // not a notice this version understands: still a sign that something changed
            events.changedElsewhere("unknown", "an unreadable registry notice", null);
            return;
        }
        RegistryNotice n = notice.get();
        events.changedElsewhere(n.node().value(), n.reason(), clock.millis() - n.committedAtMillis());
    }

    private void lifecycle(LifecycleEvent event) {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
            // after a split the merged members carry new ids: publish this start under the current one
            publishSelf();
            events.changedElsewhere(self.node().value(), "rejoined", null);
        }
    }

    private final class Membership implements MembershipListener {

        @Override
        public void memberAdded(MembershipEvent event) {
            if (!event.getMember().localMember()) {
                // a member that was apart (split, merged back) may have committed changes never announced here
                events.changedElsewhere(self.node().value(), "member joined: " + event.getMember().getAddress(),
                        null);
            }
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            UUID member = event.getMember().getUuid();
            Optional<NodeIncarnation> gone = incarnationOf(member);
            if (gone.isEmpty()) {
                LOG.fine(() -> "Member " + member + " left the data grid without a published incarnation; "
                        + "its delivery claims, if any, wait out their lease");
                return;
            }
            events.memberLeft(member, gone.get());
        }
    }
}
