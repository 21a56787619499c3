package org.originhub.gatewaykit.client;

import java.util.List;

/** A page of the inbox, oldest first; {@code moreAvailable} when more documents wait than were listed. */
public record Inbox(List<InboxItem> items, boolean moreAvailable) {

    public Inbox {
        items = List.copyOf(items);
    }
}
