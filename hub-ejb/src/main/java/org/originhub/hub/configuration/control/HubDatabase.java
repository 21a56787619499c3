package org.originhub.hub.configuration.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.originhub.db.Migrations;

/**
 * The hub's database: defines the JDBC pool at deployment from the environment ({@code HUB_DB_URL},
 * {@code HUB_DB_USER}, {@code HUB_DB_PASSWORD}), so no address or password is ever packaged, and applies the schema
 * migrations at start, before anything else uses the schema. {@code ./hub start} points the variables at the embedded
 * database when no external one is configured. Connector/J talks to MySQL 8 and MariaDB 10.11 alike. On a database
 * cluster the URL lists its nodes ({@code jdbc:mysql://db1:3306,db2:3306,db3:3306/hub?failOverReadOnly=false...}):
 * Connector/J connects to the first that answers, so the hub writes through one node at a time
 * (docs/deployment.md, "Database cluster").
 *
 * <p>A database that is down at boot does not fail the deployment: the hub stays not-ready (readiness DOWN with the
 * reason) and retries the migration every few seconds until it succeeds.
 *
 * <p>A database that goes away under a running hub costs a request a bounded time, never Payara's default minutes:
 * connections are validated when handed out and all dropped on the first failure, a refused connection fails at once,
 * a host that does not answer after {@value #CONNECT_TIMEOUT_MILLIS} ms, a server that stops answering (hung,
 * {@code kill -STOP}) after {@value #SOCKET_TIMEOUT_MILLIS} ms per read, a full pool after
 * {@value #MAX_WAIT_MILLIS} ms; EclipseLink does not retry on its own ({@link NoQueryRetry}). The request then
 * fails with a connection error, which the SOAP edge answers {@code ServiceUnavailable} and the API 503
 * ({@link DatabaseFailures}); the pool reconnects by itself once the database is back, or on the next cluster node.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DataSourceDefinition(
        name = HubDatabase.JNDI_NAME,
        className = "com.mysql.cj.jdbc.MysqlDataSource",
        url = "${ENV=HUB_DB_URL}",
        user = "${ENV=HUB_DB_USER:root}",
        password = "${ENV=HUB_DB_PASSWORD:}",
        minPoolSize = 2,
        maxPoolSize = 32,
        initialPoolSize = 2,
        maxIdleTime = 300,
        // READ COMMITTED: locking reads take no gap locks, so concurrent submissions cannot deadlock on inserts into
        // a gap they both read (MariaDB < 10.11.11 may crash on a deadlock, MDEV-24035); see docs/operations.md, "Database notes".
        isolationLevel = Connection.TRANSACTION_READ_COMMITTED,
        properties = {
            "connectionTimeZone=UTC",
            "forceConnectionTimeZoneToSession=true",
            "characterEncoding=UTF-8",
            "rewriteBatchedStatements=true",
            // Connector/J parses every statement's SQL again (QueryInfo) unless it caches it per connection; the
            // hub's SQL is a small fixed set, so every statement it sends is parsed once per connection.
            // docs/performance.md has what each of these driver settings saves under load.
            "cachePrepStmts=true",
            "prepStmtCacheSize=250",
            "prepStmtCacheSqlLimit=2048",
            // The pool sets auto-commit and reads the isolation level on every checkout and enlistment. With the
            // driver's local session state, "SET autocommit" and "SELECT @@session.tx_isolation" reach the server
            // only when the state changes, instead of as round trips on every checkout.
            "useLocalSessionState=true",
            // Otherwise every statement the driver creates is added to, and at close removed from, a per-connection
            // list that holds the statement cache's entries too, each a linear search (Object.equals under
            // ConnectionImpl.registerStatement/unregisterStatement). The hub closes what it opens
            // (try-with-resources, EclipseLink), so the driver need not track them.
            "dontTrackOpenResources=true",
            // a database host that does not answer the TCP handshake
            "connectTimeout=" + HubDatabase.CONNECT_TIMEOUT_MILLIS,
            // a server that accepts but does not answer (hung, stopped, half-open connection): every read, the
            // handshake and the pool's validation included, gives up after this; no hub query legitimately runs
            // that long (the purge and the exports work in batches)
            "socketTimeout=" + HubDatabase.SOCKET_TIMEOUT_MILLIS,
            "fish.payara.is-connection-validation-required=true",
            // Connection.isValid: a ping to the server on every checkout. (The "auto-commit" method would be answered
            // from the local session state above without reaching the server, and validate nothing.)
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.fail-all-connections=true",
            // a request waits at most this long for a free connection (Payara's default: 60 s)
            "fish.payara.max-wait-time-in-millis=" + HubDatabase.MAX_WAIT_MILLIS
        })
public class HubDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/hub";
    static final String CONNECT_TIMEOUT_MILLIS = "2000";
    static final String SOCKET_TIMEOUT_MILLIS = "10000";
    static final String MAX_WAIT_MILLIS = "5000";
    private static final Logger LOG = Logger.getLogger(HubDatabase.class.getName());
    private static final long RETRY_MILLIS = 5_000;

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    Event<SchemaReady> schemaReady;

    private volatile boolean migrated;
    private volatile String schemaVersion;
    private volatile String lastProblem = "migrations not yet applied";

    @PostConstruct
    void start() {
        if (!migrate()) {
            timers.createIntervalTimer(RETRY_MILLIS, RETRY_MILLIS, new TimerConfig("schema-migration-retry", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (migrate()) {
            timer.cancel();
        }
    }

    private boolean migrate() {
        String version;
        try {
            Migrations migrations = new Migrations(new UnboundedReads(dataSource,
                    Integer.parseInt(SOCKET_TIMEOUT_MILLIS)));
            int applied = migrations.migrate();
            version = migrations.currentVersion();
            if (!migrations.isUpToDate()) {
                throw new IllegalStateException("migrations pending or failed after migrate()");
            }
            schemaVersion = version;
            migrated = true;
            lastProblem = null;
            LOG.info("Database schema at version " + version + " (" + applied + " migration(s) applied now)");
        } catch (RuntimeException e) {
            lastProblem = "schema migration failed: " + rootMessage(e);
            LOG.log(Level.SEVERE, "Database schema migration failed; retrying in " + RETRY_MILLIS / 1000 + " s", e);
            return false;
        }
        try {
            schemaReady.fire(new SchemaReady(version));
        } catch (RuntimeException e) {
            // The schema is usable; a failed start-up task must not re-run the migration loop.
            LOG.log(Level.SEVERE, "A start-up task failed after the schema migration", e);
        }
        return true;
    }

    /**
     * The readiness of the database: it answers, and every migration has been applied. The schema version is the one
     * this node migrated to at start (migrations only ever run at start), so a probe costs one connection check, not
     * a Flyway scan.
     */
    public DatabaseState state() {
        if (!migrated) {
            return DatabaseState.down(lastProblem);
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return DatabaseState.down("database does not answer");
            }
        } catch (SQLException e) {
            return DatabaseState.down("database unreachable: " + rootMessage(e));
        }
        return DatabaseState.up(schemaVersion);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
