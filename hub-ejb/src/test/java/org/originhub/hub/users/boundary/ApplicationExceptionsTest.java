package org.originhub.hub.users.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.ApplicationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the EJB container treats the boundary's exceptions is decided by annotations only a container reads; the
 * persistence tests run without one, so this test pins them: a refused login commits (its failure count and events
 * must survive), a rejected administrative change rolls back, and both reach the caller as themselves, not wrapped.
 */
class ApplicationExceptionsTest {

    @Test
    void refusedLoginsCommit() {
        for (Class<?> refusal : List.of(LoginRefusedException.class, InvalidCredentialsException.class,
                AccountLockedException.class, AccountDisabledException.class)) {
            ApplicationException annotation = refusal.getAnnotation(ApplicationException.class);
            assertThat(annotation).as(refusal.getSimpleName()).isNotNull();
            assertThat(annotation.rollback()).as(refusal.getSimpleName()).isFalse();
        }
    }

    @Test
    void rejectedChangesRollBack() {
        for (Class<?> rejection : List.of(UnknownUserException.class, DuplicateUsernameException.class,
                InvalidUserException.class, PasswordRejectedException.class, LastAdministratorException.class)) {
            ApplicationException annotation = rejection.getAnnotation(ApplicationException.class);
            assertThat(annotation).as(rejection.getSimpleName()).isNotNull();
            assertThat(annotation.rollback()).as(rejection.getSimpleName()).isTrue();
        }
    }
}
