package org.originhub.gatewaykit.client;

import java.util.List;

/**
 * A batch of pulled documents. They stay PENDING_DELIVERY, and come again in later pulls, until acknowledged with
 * {@link HubClient#acknowledge}.
 */
public record Pull(List<ReceivedDocument> documents, boolean moreAvailable) {

    public Pull {
        documents = List.copyOf(documents);
    }
}
