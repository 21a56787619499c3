package org.originhub.bench;

import java.util.Map;
import java.util.Set;

/**
 * "Nothing accepted is lost", counted against the database once the queue has drained: every tracking number the hub
 * receipted must be stored and DELIVERED, and so must every document of the soak the hub stored without the gateway
 * seeing its receipt (a resend answered by the first receipt covers most of those). A document lost is one receipted
 * but missing from the database, or stored in any status but DELIVERED (still pending, failed, or acknowledged as
 * unreadable).
 *
 * @param receipted tracking numbers the bench's gateways were given a receipt for
 * @param stored the soak's documents in the database
 * @param delivered stored and DELIVERED
 * @param deliveredOnRetry delivered by PUSH after more than one attempt (the failing simulator's share)
 * @param missing receipted but not in the database
 * @param notDelivered stored in another status than DELIVERED
 */
record LossCheck(int receipted, int stored, int delivered, int deliveredOnRetry, int missing, int notDelivered) {

    /** A soak document as the database holds it. */
    record Stored(String status, String mode, int attempts) {
    }

    static LossCheck of(Set<String> receipted, Map<String, Stored> stored) {
        int delivered = 0;
        int onRetry = 0;
        for (Stored s : stored.values()) {
            if ("DELIVERED".equals(s.status())) {
                delivered++;
                if ("PUSH".equals(s.mode()) && s.attempts() > 1) {
                    onRetry++;
                }
            }
        }
        int missing = (int) receipted.stream().filter(t -> !stored.containsKey(t)).count();
        return new LossCheck(receipted.size(), stored.size(), delivered, onRetry, missing, stored.size() - delivered);
    }

    /** Accepted by the hub: what it stored, and what it receipted but no longer holds. */
    int accepted() {
        return stored + missing;
    }

    int lost() {
        return missing + notDelivered;
    }

    boolean passed() {
        return receipted > 0 && lost() == 0;
    }
}
