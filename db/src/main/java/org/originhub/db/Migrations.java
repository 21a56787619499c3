package org.originhub.db;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the hub's schema migrations. Called at hub start (before the application touches the schema) and by the
 * tests, always against the real migrations.
 */
public final class Migrations {

    /** Where the SQL migrations live on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    /**
     * Brings the schema up to date.
     *
     * @return the number of migrations applied by this call
     */
    public int migrate() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** True when every known migration has been applied successfully and none is pending or failed. */
    public boolean isUpToDate() {
        MigrationInfo[] all = flyway.info().all();
        return all.length > 0 && Arrays.stream(all).allMatch(m -> m.getState() == MigrationState.SUCCESS
                || m.getState() == MigrationState.BASELINE);
    }

    /** The version of the newest applied migration, or "none". */
    public String currentVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
