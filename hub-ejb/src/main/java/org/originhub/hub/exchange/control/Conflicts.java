package org.originhub.hub.exchange.control;

import java.sql.SQLException;

/**
 * Recognises the database refusals a concurrent transaction causes (a unique key taken meanwhile, a deadlock): worth
 * one more try in a fresh transaction, which then sees what the other one committed.
 */
public final class Conflicts {

    private Conflicts() {
    }

    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException
                    || t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().equals("40001"))) {
                return true;
            }
        }
        return false;
    }
}
