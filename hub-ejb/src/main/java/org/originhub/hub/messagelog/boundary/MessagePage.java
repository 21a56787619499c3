package org.originhub.hub.messagelog.boundary;

import java.util.List;

/** One page of the message log; {@code next} is the {@code after} cursor of the following page, null on the last. */
public record MessagePage(List<MessageSummary> messages, String next) {
}
