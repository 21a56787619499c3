package org.originhub.hub.bench;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/** What the database benchmarks (AuditQueryBenchmark, ConsoleQueryBenchmark) share to drive boundaries outside a container. */
public final class BenchSupport {

    private BenchSupport() {
    }

    /**
     * One physical connection for every transaction: the SE harness has no pool, and a connect per query would
     * dominate what is measured. Closing the connection handed out does nothing.
     */
    public static DataSource reusing(Connection physical) {
        ClassLoader loader = BenchSupport.class.getClassLoader();
        Connection shared = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return shared;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Sets a bean's injected field, as the container would. */
    public static void set(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
