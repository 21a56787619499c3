package org.originhub.hub.exchange.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
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
    void otherFailuresAreNot() {
        assertThat(Conflicts.isRetryable(new EJBException(new PersistenceException(
                new SQLException("Connection refused", "08001"))))).isFalse();
        assertThat(Conflicts.isRetryable(new IllegalStateException("bug"))).isFalse();
    }
}
