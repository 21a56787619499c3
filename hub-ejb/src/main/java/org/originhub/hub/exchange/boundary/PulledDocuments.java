package org.originhub.hub.exchange.boundary;

import java.util.List;

/** A batch of pulled documents, oldest first. */
public record PulledDocuments(List<DeliveredDocument> documents, boolean moreAvailable) {
}
