package org.originhub.registry.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A DataSource that records the SQL of every statement its connections prepare, for tests that count what a call
 * costs in round trips (EclipseLink prepares every statement it runs, native ones included).
 */
public final class StatementCounter {

    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;

    public StatementCounter(DataSource target) {
        this.dataSource = (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (self, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? counting(connection) : result;
                });
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public void reset() {
        prepared.clear();
    }

    /** The SELECT statements prepared since the last {@link #reset}, in order. */
    public List<String> selects() {
        return prepared.stream().filter(sql -> sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT")).toList();
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (self, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        prepared.add(sql);
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
