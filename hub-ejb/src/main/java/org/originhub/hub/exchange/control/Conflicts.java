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
        for (Throwable t = failure; t != null; t = next(t)) {
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

    /** The cause, also where an EJBException keeps it apart from {@code getCause()}. */
    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null && t instanceof jakarta.ejb.EJBException ejb) {
            cause = ejb.getCausedByException();
        }
        return cause == t ? null : cause;
    }
}
