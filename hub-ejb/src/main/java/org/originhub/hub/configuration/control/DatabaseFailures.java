package org.originhub.hub.configuration.control;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a database that cannot serve the request now from a failure of the hub itself. The former leave nothing
 * stored (the transaction did not commit, or its outcome is decided by a resend with the same message id, which the
 * hub answers with the first receipt), so every edge answers them as retryable: {@code ServiceUnavailable} on SOAP,
 * 503 on the API. Anything else stays an internal error.
 *
 * <p>Unavailable are: the database unreachable or lost (SQLState class 08, which Connector/J gives a refused
 * connection, a link that broke and a server shutting down), a transaction the database rolled back for another one
 * (class 40: a deadlock or a Galera certification conflict, which the intake retries itself before it gives up), and
 * the MySQL/MariaDB codes below, which some drivers report without a class-08 state; the connection pool that cannot
 * hand out a connection ({@code ResourceException}, {@code PoolingException}) and the transaction manager that could
 * not complete a commit on a broken connection ({@code XAException}).
 *
 * <p>What a Galera node failure looks like to the hub: in-flight statements on the killed node fail with a
 * communications link failure; Connector/J's failover URL then connects to the next node, which may for a moment
 * answer 1047 (a node not yet synced) or 1213 (a writeset that lost certification to one applied meanwhile).
 */
public final class DatabaseFailures {

    /** ER_UNKNOWN_COM_ERROR: "WSREP has not yet prepared node for application use" (a joining or non-primary node). */
    public static final int WSREP_NOT_READY = 1047;
    /** ER_SERVER_SHUTDOWN: the server is shutting down. */
    public static final int SERVER_SHUTDOWN = 1053;
    /** ER_ERROR_DURING_COMMIT: the commit failed on the server (Galera: replication of the commit failed). */
    public static final int ERROR_DURING_COMMIT = 1180;
    /** ER_LOCK_WAIT_TIMEOUT: a lock wait gave up. */
    public static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_LOCK_DEADLOCK: InnoDB's deadlock, and Galera's certification conflict ("Deadlock found ..."). */
    public static final int DEADLOCK = 1213;
    /** ER_CONNECTION_KILLED: the server killed the connection (Galera aborts a brute-forced transaction so). */
    public static final int CONNECTION_KILLED = 1927;
    /** CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR: no connection could be opened (client side). */
    public static final int CONNECTION_ERROR = 2002;
    public static final int CONN_HOST_ERROR = 2003;
    /** CR_SERVER_GONE_ERROR, CR_SERVER_LOST: the connection was lost during a query (client side). */
    public static final int SERVER_GONE = 2006;
    public static final int SERVER_LOST = 2013;

    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(WSREP_NOT_READY, SERVER_SHUTDOWN,
            ERROR_DURING_COMMIT, LOCK_WAIT_TIMEOUT, DEADLOCK, CONNECTION_KILLED, CONNECTION_ERROR, CONN_HOST_ERROR,
            SERVER_GONE, SERVER_LOST);
    /** Exceptions of the container and the driver, named: they need not be on this module's class path. */
    private static final Set<String> UNAVAILABLE_TYPES = Set.of(
            "jakarta.resource.ResourceException",
            "com.sun.appserv.connectors.internal.api.PoolingException",
            "com.mysql.cj.exceptions.CJCommunicationsException",
            "com.mysql.cj.exceptions.ConnectionIsClosedException");
    private static final int MAX_CAUSES = 32;

    private DatabaseFailures() {
    }

    /** Whether {@code failure}, or anything along its causes, says the database cannot serve the request now. */
    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_CAUSES; t = next(t)) {
            if (t instanceof SQLException sql && unavailable(sql)
                    || t instanceof javax.transaction.xa.XAException
                    || named(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return sql instanceof java.sql.SQLTransientConnectionException
                || sql instanceof java.sql.SQLNonTransientConnectionException
                || sql instanceof java.sql.SQLTransactionRollbackException
                || state.startsWith("08") || state.startsWith("40")
                || UNAVAILABLE_CODES.contains(sql.getErrorCode());
    }

    /** Whether {@code t}'s class or one of its superclasses is one of {@link #UNAVAILABLE_TYPES}. */
    private static boolean named(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (UNAVAILABLE_TYPES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cause, also where an EJBException or a chained SQLException keeps it apart from {@code getCause()}; null at
     * the end of the chain. The one walk of a database failure's causes ({@code Conflicts} walks with it too).
     */
    public static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null && t instanceof jakarta.ejb.EJBException ejb) {
            cause = ejb.getCausedByException();
        }
        if (cause == null && t instanceof SQLException sql) {
            cause = sql.getNextException();
        }
        return cause == t ? null : cause;
    }
}
