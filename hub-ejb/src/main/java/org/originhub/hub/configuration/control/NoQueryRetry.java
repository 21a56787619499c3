package org.originhub.hub.configuration.control;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Turns off EclipseLink's own retry of a read query (and of a transaction start) after a communication failure. By
 * default EclipseLink sleeps 5 s and tries again, up to 3 times, before it reports the failure: while the database is
 * down, every request would wait seconds for a ServiceUnavailable it can have at once, and on a database that hangs
 * each retry would wait for the socket timeout again. Recovery does not need it: the container's pool validates every
 * connection it hands out and drops all of them on a failure ({@link HubDatabase}), so the next request after the
 * database is back gets a fresh connection; and gateways resend after ServiceUnavailable.
 *
 * <p>Applied through {@code eclipselink.session.customizer} in persistence.xml.
 */
public class NoQueryRetry implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
