package org.originhub.hub.exchange.boundary;

import java.util.List;

/** A page of a member's inbox, oldest first. */
public record Inbox(List<InboxItem> items, boolean moreAvailable) {
}
