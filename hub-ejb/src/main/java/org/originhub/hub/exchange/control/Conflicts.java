package org.originhub.hub.exchange.control;

import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import org.originhub.hub.configuration.control.DatabaseFailures;

/**
 * Recognises the database refusals a concurrent transaction causes (a unique key taken meanwhile, a deadlock, a lock
 * wait that timed out): worth one more try in a fresh transaction, which then sees what the other one committed.
 *
 * <p>Deadlocks are counted apart. The hub is built not to produce any in normal operation (READ COMMITTED on every
 * connection, so locking reads take no gap locks; see README "Database notes"), and on MariaDB before 10.11.11 a
 * deadlock can crash the server itself (MDEV-24035): the count, per hub node since it started, is what tests and
 * operators check for zero.
 */
public final class Conflicts {

    /** What kind of conflict a failure is. */
    public enum Kind {
        /** A unique key taken by a concurrent transaction (SQLState class 23). */
        UNIQUE_KEY,
        /** InnoDB broke a deadlock by rolling this transaction back (MySQL/MariaDB error 1213). */
        DEADLOCK,
        /** Another transaction rolled back for serialisation (SQLState class 40), e.g. a lock wait that timed out. */
        ROLLED_BACK,
        /** Not a conflict between transactions: retrying would not help. */
        NONE
    }

    static final int ER_LOCK_DEADLOCK = 1213;
    private static final LongAdder DEADLOCKS = new LongAdder();

    private Conflicts() {
    }

    public static boolean isRetryable(Throwable failure) {
        return kindOf(failure) != Kind.NONE;
    }

    /** The first conflict found along the cause chain, NONE when there is none. */
    public static Kind kindOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = DatabaseFailures.next(t)) {
            if (t instanceof SQLException sql) {
                Kind kind = kindOf(sql);
                if (kind != Kind.NONE) {
                    return kind;
                }
            }
        }
        return Kind.NONE;
    }

    private static Kind kindOf(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (sql.getErrorCode() == ER_LOCK_DEADLOCK) {
            return Kind.DEADLOCK;
        }
        if (sql instanceof java.sql.SQLIntegrityConstraintViolationException || state.startsWith("23")) {
            return Kind.UNIQUE_KEY;
        }
        if (sql instanceof java.sql.SQLTransactionRollbackException || state.startsWith("40")) {
            return Kind.ROLLED_BACK;
        }
        return Kind.NONE;
    }

    /** Counts one deadlock the hub met (and retried). */
    public static void deadlockMet() {
        DEADLOCKS.increment();
    }

    /** Deadlocks this hub node met since it started. */
    public static long deadlocks() {
        return DEADLOCKS.sum();
    }
}
