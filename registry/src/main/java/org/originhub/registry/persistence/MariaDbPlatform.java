package org.originhub.registry.persistence;

import org.eclipse.persistence.platform.database.MySQLPlatform;

/**
 * EclipseLink's MySQL platform for MySQL 8 and MariaDB 10.11. EclipseLink decides from the server version whether
 * DATETIME keeps fractional seconds; MariaDB reports itself as "5.5.5-10.11.x", so EclipseLink would truncate every
 * time to whole seconds, and an audit record re-read from the database would no longer hash the same. Both servers
 * keep microseconds in DATETIME(6).
 */
public class MariaDbPlatform extends MySQLPlatform {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isFractionalTimeSupported() {
        return true;
    }
}
