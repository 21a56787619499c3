package org.originhub.web.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on loopback for the system tests that start clusters through the launcher. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * The first of {@code count} consecutive ports free on 127.0.0.1, below the kernel's ephemeral range, so that no
     * outgoing connection of the test's own processes takes one of them between this check and the servers' binds.
     */
    static int freeRange(int count) throws IOException {
        int ephemeralStart = 32_768;
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) {
            ephemeralStart = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
        }
        int low = 10_000;
        int high = Math.max(low + 1_000, ephemeralStart) - count;
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(low, high);
            boolean free = true;
            for (int p = first; p < first + count && free; p++) {
                try (ServerSocket socket = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free ports on loopback");
    }
}
