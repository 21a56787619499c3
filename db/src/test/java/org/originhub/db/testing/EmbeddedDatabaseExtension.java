package org.originhub.db.testing;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.originhub.db.Migrations;
import org.originhub.db.embedded.EmbeddedDatabase;

/**
 * One real MariaDB 10.11 per test JVM, migrated with the real migrations, stopped when the test run ends. Its data
 * lives in a fresh folder under {@code target/}, so every run starts empty. The port is the system property
 * {@code hub.it.db.port} when set (so a server started by Arquillian can be pointed at it), otherwise any free one.
 *
 * <p>Test classes declare {@code @ExtendWith(EmbeddedDatabaseExtension.class)} and take an {@link EmbeddedDatabase}
 * or a {@link DataSource} as a parameter.
 */
public class EmbeddedDatabaseExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    /** The running database, started on first use in this JVM. */
    public static EmbeddedDatabase database(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> new Running(), Running.class).database;
    }

    /** A data source on the database with the hub pool's settings, READ COMMITTED included (see HubDatabase). */
    public static DataSource dataSource(EmbeddedDatabase database) {
        return dataSource(database, EmbeddedDatabase.SCHEMA);
    }

    /**
     * Connections to another schema (database) of the same embedded server, for a test whose figures are
     * server-wide and must not see other tests' rows; the schema must exist.
     */
    public static DataSource dataSource(EmbeddedDatabase database, String schema) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setUrl(database.jdbcUrl().replace("/" + EmbeddedDatabase.SCHEMA + "?", "/" + schema + "?")
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true");
        dataSource.setUser(database.user());
        dataSource.setPassword("");
        return new ReadCommittedDataSource(dataSource);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedDatabase.class || type == DataSource.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedDatabase database = database(context);
        return parameter.getParameter().getType() == EmbeddedDatabase.class ? database : dataSource(database);
    }

    /** Closed by JUnit when the root context closes, at the end of the test run. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final EmbeddedDatabase database;

        Running() {
            Path dir = Path.of(System.getProperty("hub.it.dir", "target/it"))
                    .resolve("db-" + ProcessHandle.current().pid() + "-" + System.nanoTime()).resolve("data");
            int port = Integer.getInteger("hub.it.db.port", 0);
            database = EmbeddedDatabase.start(dir.toAbsolutePath(), port);
            try {
                new Migrations(dataSource(database)).migrate();
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
