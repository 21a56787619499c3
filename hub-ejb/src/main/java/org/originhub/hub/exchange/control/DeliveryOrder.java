package org.originhub.hub.exchange.control;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import org.originhub.hub.exchange.entity.ExchangeMessage;

/**
 * Ordering per CO: a document held back behind an earlier one (see
 * {@link org.originhub.hub.delivery.entity.DeliveryState#dependOn}) is released
 * when that one leaves PENDING_DELIVERY (acknowledged, or failed). Called under the lock of the finished message, which
 * a submission of a new successor also takes, so no successor is left held back.
 */
public final class DeliveryOrder {

    private DeliveryOrder() {
    }

    /** Releases the documents waiting for {@code finished}; returns how many. */
    public static int releaseSuccessors(EntityManager em, ExchangeMessage finished) {
        return releaseSuccessors(em, List.of(finished));
    }

    /**
     * Releases the documents waiting for any of {@code finished} in one UPDATE: a bulk update first flushes the
     * persistence context, so one UPDATE per document would compare every managed message once per document.
     */
    public static int releaseSuccessors(EntityManager em, Collection<ExchangeMessage> finished) {
        if (finished.isEmpty()) {
            return 0;
        }
        return em.createNamedQuery(ExchangeMessage.RELEASE_SUCCESSORS)
                .setParameter("trackings", finished.stream().map(m -> m.trackingNumber().value()).toList())
                .executeUpdate();
    }
}
