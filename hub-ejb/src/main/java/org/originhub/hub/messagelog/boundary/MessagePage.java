package org.originhub.hub.messagelog.boundary;

import java.util.List;

/**
 * One page of the message log; {@code next} is the {@code after} cursor of the following page, null on the last.
 * {@code before} (null on an empty page) is the cursor of the page's first envelope: passed as {@code after} with the
 * opposite order it reads the envelopes before this page, nearest first, which is how a table pages backwards (from
 * the last page, say) without walking from the start.
 */
public record MessagePage(List<MessageSummary> messages, String next, String before) {
}
