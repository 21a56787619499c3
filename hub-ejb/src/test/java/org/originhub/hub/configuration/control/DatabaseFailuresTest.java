package org.originhub.hub.configuration.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Galera node failure and Connector/J's failover raise, each as the hub meets it (inside EclipseLink's
 * DatabaseException, a PersistenceException and the EJB container's EJBException), is a database unavailable; a
 * failure of the hub's own making is not.
 */
class DatabaseFailuresTest {

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1047 | 08S01 | WSREP has not yet prepared node for application use
            1053 | 08S01 | Server shutdown in progress
            1180 | HY000 | Got error 6 "No such device or address" during COMMIT
            1205 | 40001 | Lock wait timeout exceeded; try restarting transaction
            1213 | 40001 | Deadlock found when trying to get lock; try restarting transaction
            1927 | 70100 | Connection was killed
            2002 | HY000 | Can't connect to server through socket
            2003 | HY000 | Can't connect to server on '127.0.0.1'
            2006 | HY000 | Server has gone away
            2013 | HY000 | Lost connection to server during query
            0    | 08S01 | Communications link failure
            0    | 08001 | Could not create connection to database server
            """)
    void aGaleraOrFailoverFailureIsUnavailable(int code, String state, String message) {
        SQLException sql = new SQLException(message, state, code);

        assertThat(DatabaseFailures.unavailable(sql)).isTrue();
        assertThat(DatabaseFailures.unavailable(asTheHubMeetsIt(sql))).isTrue();
    }

    /** A vendor code alone decides, whatever SQLState the driver gave (MariaDB's driver reports 1180 as HY000). */
    @Test
    void theErrorDuringCommitOfAGaleraNodeIsUnavailableWithoutAConnectionState() {
        assertThat(DatabaseFailures.unavailable(new SQLException("Got error during COMMIT", "HY000",
                DatabaseFailures.ERROR_DURING_COMMIT))).isTrue();
    }

    @Test
    void theJdbcConnectionAndRollbackTypesAreUnavailable() {
        assertThat(DatabaseFailures.unavailable(new java.sql.SQLTransientConnectionException("pool timeout")))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new java.sql.SQLNonTransientConnectionException("closed")))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new java.sql.SQLTransactionRollbackException("certification")))
                .isTrue();
    }

    /** The pool that cannot hand out a connection (all in use, or the database refuses new ones). */
    @Test
    void theConnectionPoolsOwnFailuresAreUnavailable() {
        Exception pool = new jakarta.resource.ResourceException("Error in allocating a connection. Cause: "
                + "In-use connections equal max-pool-size and expired max-wait-time. Cannot allocate more connections.");
        SQLException wrapped = new SQLException("Error in allocating a connection", (String) null);
        wrapped.initCause(pool);

        assertThat(DatabaseFailures.unavailable(asTheHubMeetsIt(wrapped))).isTrue();
    }

    @Test
    void aCommitTheTransactionManagerCouldNotCompleteIsUnavailable() {
        javax.transaction.xa.XAException atCommit = new javax.transaction.xa.XAException("Communications link failure");

        assertThat(DatabaseFailures.unavailable(new EJBException("commit failed",
                new IllegalStateException("SystemException", atCommit)))).isTrue();
    }

    /** The cause an EJBException keeps apart from getCause(), and a chained SQLException, are followed. */
    @Test
    void causesKeptApartAreFollowed() {
        EJBException ejb = new EJBException(new RuntimeException("wrapper"));
        SQLException first = new SQLException("batch entry failed", "HY000", 1062);
        first.setNextException(new SQLException("Lost connection", "HY000", DatabaseFailures.SERVER_LOST));

        assertThat(DatabaseFailures.unavailable(first)).isTrue();
        assertThat(DatabaseFailures.unavailable(new EJBException(first))).isTrue();
        assertThat(DatabaseFailures.unavailable(ejb)).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1062 | 23000 | Duplicate entry 'x' for key 'uk_sender_message'
            1146 | 42S02 | Table 'hub.nothing' doesn't exist
            1064 | 42000 | You have an error in your SQL syntax
            1406 | 22001 | Data too long for column 'co_number'
            """)
    void aFailureOfTheHubsOwnMakingIsNotUnavailable(int code, String state, String message) {
        SQLException sql = new SQLException(message, state, code);

        assertThat(DatabaseFailures.unavailable(asTheHubMeetsIt(sql))).isFalse();
        assertThat(DatabaseFailures.unavailable(new IllegalStateException("a bug"))).isFalse();
    }

    private static RuntimeException asTheHubMeetsIt(SQLException sql) {
        return new EJBException(new PersistenceException("Exception [EclipseLink-4002]",
                DatabaseException.sqlException(sql)));
    }
}
