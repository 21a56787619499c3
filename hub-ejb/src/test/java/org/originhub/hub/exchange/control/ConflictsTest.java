package org.originhub.hub.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

/** Which failures of a submission's transaction are worth one more try in a fresh one. */
class ConflictsTest {

    @Test
    void aUniqueKeyTakenOrADeadlockDeepInsideTheContainersWrappingIsRetryable() {
        PersistenceException duplicate = new PersistenceException("flush failed",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062));
        assertThat(Conflicts.isRetryable(new EJBException(duplicate))).isTrue();
        assertThat(Conflicts.isRetryable(new EJBException(new PersistenceException(
                new SQLException("Deadlock found", "40001", 1213))))).isTrue();
    }

    @Test
    void aDeadlockIsToldApartFromAUniqueKeyAndALockWaitTimeout() {
        assertThat(Conflicts.kindOf(new EJBException(new PersistenceException(new SQLTransactionRollbackException(
                "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213)))))
                .isEqualTo(Conflicts.Kind.DEADLOCK);
        assertThat(Conflicts.kindOf(new PersistenceException(new SQLIntegrityConstraintViolationException(
                "Duplicate entry 'KE-msg-1' for key 'uq_exchange_sender_message'", "23000", 1062))))
                .isEqualTo(Conflicts.Kind.UNIQUE_KEY);
        assertThat(Conflicts.kindOf(new PersistenceException(new SQLTransactionRollbackException(
                "Lock wait timeout exceeded; try restarting transaction", "40001", 1205))))
                .isEqualTo(Conflicts.Kind.ROLLED_BACK);
        assertThat(Conflicts.kindOf(new IllegalStateException("bug"))).isEqualTo(Conflicts.Kind.NONE);
    }

    /** Galera reports a writeset that lost certification to a concurrent one on another node as a deadlock. */
    @Test
    void aGaleraCertificationConflictIsRetriedLikeADeadlock() {
        SQLException conflict = new SQLTransactionRollbackException("WSREP detected deadlock/conflict and aborted "
                + "the transaction. Try restarting the transaction", "40001", 1213);

        assertThat(Conflicts.kindOf(new EJBException(new PersistenceException(conflict))))
                .isEqualTo(Conflicts.Kind.DEADLOCK);
        assertThat(Conflicts.isRetryable(new EJBException(new PersistenceException(conflict)))).isTrue();
    }

    @Test
    void deadlocksAreCountedWhenMet() {
        long before = Conflicts.deadlocks();

        Conflicts.deadlockMet();

        assertThat(Conflicts.deadlocks()).isEqualTo(before + 1);
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Conflicts.isRetryable(new EJBException(new PersistenceException(
                new SQLException("Connection refused", "08001"))))).isFalse();
        assertThat(Conflicts.isRetryable(new IllegalStateException("bug"))).isFalse();
    }
}
