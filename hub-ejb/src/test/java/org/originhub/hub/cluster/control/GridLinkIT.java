package org.originhub.hub.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.configuration.entity.NodeName;

/**
 * Two real members of a data grid in this JVM (Hazelcast in the version Payara Micro bundles, both on 127.0.0.1,
 * TCP-IP join, multicast off), each linked as a hub node would be: a registry change announced on one reaches the
 * other and only the other, a member that joins makes the others drop their registry caches, and a member that
 * crashes is reported to the survivor with the node start it published, whose claims the survivor then releases.
 * The propagation times are printed, not asserted.
 */
class GridLinkIT {

    private static final long WAIT_SECONDS = 30;
    /** Hazelcast's own INFO lines (joins, migrations) left out of the test output; held so the level sticks. */
    private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");

    static {
        HAZELCAST.setLevel(Level.WARNING);
    }
    private final String cluster = "originhub-test-" + UUID.randomUUID();
    private HazelcastInstance first;
    private HazelcastInstance second;
    private GridLink firstLink;
    private GridLink secondLink;

    @AfterEach
    void stop() {
        for (HazelcastInstance member : new HazelcastInstance[] {first, second}) {
            if (member != null && member.getLifecycleService().isRunning()) {
                member.getLifecycleService().terminate();
            }
        }
    }

    @Test
    void changesAreRelayedAndADeadMembersStartIsReportedToTheSurvivor() throws Exception {
        int[] ports = {freePort(), freePort()};
        NodeIncarnation nodeOne = NodeIncarnation.startOf(new NodeName("node-1"));
        NodeIncarnation nodeTwo = NodeIncarnation.startOf(new NodeName("node-2"));
        Recorder atOne = new Recorder();
        Recorder atTwo = new Recorder();
        long started = System.nanoTime();
        first = Hazelcast.newHazelcastInstance(config(ports[0], ports));
        firstLink = GridLink.join(first, nodeOne, atOne, Clock.systemUTC());
        second = Hazelcast.newHazelcastInstance(config(ports[1], ports));
        secondLink = GridLink.join(second, nodeTwo, atTwo, Clock.systemUTC());
        System.out.printf("two grid members up in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(secondLink.members()).isEqualTo(2);

        Change joined = atOne.changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(joined).as("the first node hears the second join").isNotNull();
        assertThat(joined.latencyMillis()).isNull();
        assertThat(joined.reason()).startsWith("member joined");

        long announced = System.nanoTime();
        firstLink.announce("GATEWAY_SUSPENDED Gateway 7");
        Change relayed = atTwo.changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        long relayMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - announced);
        assertThat(relayed).isEqualTo(new Change("node-1", "GATEWAY_SUSPENDED Gateway 7", relayed.latencyMillis()));
        assertThat(relayed.latencyMillis()).isNotNull();
        System.out.printf("registry change relayed to the other member in %d ms (by the notice's clock: %d ms)%n",
                relayMillis, relayed.latencyMillis());
        secondLink.announce("MEMBER_STATE_SUSPENDED MemberState KE");
        assertThat(atOne.changes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).extracting(Change::node).isEqualTo("node-2");
        assertThat(atOne.changes).as("a node does not hear its own announcements").isEmpty();
        assertThat(atTwo.changes).isEmpty();

        UUID secondMember = secondLink.memberId();
        assertThat(firstLink.incarnationOf(secondMember)).contains(nodeTwo);
        long killed = System.nanoTime();
        second.getLifecycleService().terminate(); // as kill -9: no goodbye to the grid
        Left left = atOne.left.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        System.out.printf("the survivor saw the killed member gone after %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        assertThat(left).isEqualTo(new Left(secondMember, nodeTwo));
        firstLink.forget(secondMember);
        assertThat(firstLink.incarnationOf(secondMember)).isEmpty();
        firstLink.close();
    }

    private Config config(int port, int[] ports) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        // a test grid of two: join at once instead of waiting for more members, few partitions to migrate
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.partition.count", "11");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]));
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    record Change(String node, String reason, Long latencyMillis) {
    }

    record Left(UUID member, NodeIncarnation gone) {
    }

    /** What a node's grid link reported, in order. */
    static final class Recorder implements GridEvents {
        final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
        final BlockingQueue<Left> left = new LinkedBlockingQueue<>();

        @Override
        public void memberLeft(UUID member, NodeIncarnation gone) {
            left.add(new Left(member, gone));
        }

        @Override
        public void changedElsewhere(String node, String reason, Long latencyMillis) {
            changes.add(new Change(node, reason, latencyMillis));
        }
    }
}
