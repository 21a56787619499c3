/**
 * The hub's database schema. Owns the Flyway migrations under {@code db/migration} (plain SQL that runs on MySQL 8 and
 * MariaDB 10.11) and the one way they are applied: {@link org.originhub.db.Migrations}. JPA schema generation is off
 * everywhere; a table exists because a migration created it.
 */
package org.originhub.db;
