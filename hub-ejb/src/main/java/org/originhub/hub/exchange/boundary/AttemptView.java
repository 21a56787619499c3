package org.originhub.hub.exchange.boundary;

import java.time.Instant;

/** One delivery attempt: a PUSH call or a pull of a PULL recipient, with its outcome. */
public record AttemptView(int number, Instant at, String kind, String outcome, String detail) {
}
