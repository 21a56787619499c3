package org.originhub.hub.messagelog.boundary;

import java.util.List;
import org.originhub.hub.exchange.boundary.CoStatusView;

/** A CO's life cycle with its history, and every message about it (a replacement of it included), oldest first. */
public record CoLifecycleView(CoStatusView co, boolean legalHold, List<MessageSummary> messages) {
}
