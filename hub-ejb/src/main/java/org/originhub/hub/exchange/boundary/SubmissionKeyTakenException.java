package org.originhub.hub.exchange.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A NEW CO stored without looking up its duplicates met a unique key already taken (its SenderMessageId, its CO
 * document or its CO number): nothing is stored, and {@link Exchanges#submit} runs it again with the lookups, which
 * answer like a repeat or a Duplicate. An application exception, so the container rolls back without logging it as
 * a failure of the hub.
 */
@ApplicationException(rollback = true)
public class SubmissionKeyTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SubmissionKeyTakenException(Throwable cause) {
        super("a unique key of the submission is taken", cause);
    }
}
