package org.originhub.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.originhub.hub.users.boundary.AuthenticatedUser;
import org.originhub.hub.users.boundary.InvalidCredentialsException;
import org.originhub.hub.users.boundary.Users;

/**
 * Hub users as a Jakarta Security identity store: the users boundary checks the password (and counts failures, locks,
 * and fires the audit events); the caller's one group is its role, which the server maps to the role of the same name.
 *
 * <p>A locked or disabled account's {@code LoginRefusedException} is let through to {@link HubAuthentication}, which
 * answers it exactly like a wrong password, so that the answer does not tell which accounts exist.
 */
@ApplicationScoped
public class HubIdentityStore implements IdentityStore {

    @Inject
    Users users;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            AuthenticatedUser user = users.authenticate(password.getCaller(), password.getPasswordAsString());
            return new CredentialValidationResult(user.username(), Set.of(user.role().name()));
        } catch (InvalidCredentialsException e) {
            return CredentialValidationResult.INVALID_RESULT;
        }
    }
}
