package org.originhub.hub.delivery.control;

import java.util.Set;
import org.originhub.hub.exchange.boundary.DeliveredDocument;

/**
 * One claimed push, prepared inside the claim transaction so that the push itself runs outside any transaction.
 *
 * @param problem why the push cannot even be tried (gateway suspended, no endpoint), or null
 */
public record DeliveryJob(long messageId, String claimToken, String endpointUrl, DeliveredDocument document,
        int attempt, Set<String> recipientCertificates, String problem) {
}
