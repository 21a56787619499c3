package org.originhub.hub.configuration.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The hub's pooled data source without the pool's socket timeout, for the schema migrations only: an ALTER TABLE or
 * a new index on a large table may rightly run for minutes, and a migration cut off after the socket timeout would
 * fail on every retry. Each connection is handed out with no network timeout and gets the pool's timeout back before
 * it returns to the pool.
 */
final class UnboundedReads implements DataSource {

    private static final Executor DIRECT = Runnable::run;

    private final DataSource pool;
    private final int poolTimeoutMillis;

    UnboundedReads(DataSource pool, int poolTimeoutMillis) {
        this.pool = pool;
        this.poolTimeoutMillis = poolTimeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return unbounded(pool.getConnection(username, password));
    }

    private Connection unbounded(Connection connection) throws SQLException {
        connection.setNetworkTimeout(DIRECT, 0);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ("close".equals(method.getName()) && method.getParameterCount() == 0
                            && !connection.isClosed()) {
                        connection.setNetworkTimeout(DIRECT, poolTimeoutMillis);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}
