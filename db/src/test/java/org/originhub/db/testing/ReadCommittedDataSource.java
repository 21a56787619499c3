package org.originhub.db.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out connections at READ COMMITTED, as the hub's container pool does (HubDatabase's
 * {@code isolationLevel}): persistence tests must lock the way production locks. Under MariaDB's default
 * REPEATABLE READ a locking read that finds nothing takes a gap lock, and concurrent submissions deadlock on
 * their inserts into that gap; production never runs so, and neither may the tests.
 */
final class ReadCommittedDataSource implements DataSource {

    private final DataSource target;

    ReadCommittedDataSource(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return readCommitted(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return readCommitted(target.getConnection(user, password));
    }

    private static Connection readCommitted(Connection connection) throws SQLException {
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
