package org.originhub.hub.bench;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * What the database benchmarks (AuditQueryBenchmark, ConsoleQueryBenchmark) share: the seeded community and its
 * traffic shares, and driving boundaries outside a container.
 */
public final class BenchSupport {

    /** The seeded community: 20 member states of very different sizes. */
    public static final String[] MEMBERS = {"KE", "TZ", "UG", "RW", "BI", "SS", "CD", "SO", "ET", "DJ", "ER", "SD",
        "MW", "ZM", "ZW", "MZ", "AO", "NA", "BW", "LS"};

    /** Member i's share of the traffic falls as i^-1.5: KE about 46 %, LS about 0.5 %. */
    private static final double[] CUMULATIVE = new double[MEMBERS.length];

    static {
        double sum = 0;
        for (int i = 0; i < MEMBERS.length; i++) {
            sum += Math.pow(i + 1, -1.5);
            CUMULATIVE[i] = sum;
        }
        for (int i = 0; i < MEMBERS.length; i++) {
            CUMULATIVE[i] /= sum;
        }
    }

    private BenchSupport() {
    }

    /** A member state drawn by its share of the traffic. */
    public static String member(SplittableRandom random) {
        double r = random.nextDouble();
        for (int i = 0; i < CUMULATIVE.length; i++) {
            if (r < CUMULATIVE[i]) {
                return MEMBERS[i];
            }
        }
        return MEMBERS[MEMBERS.length - 1];
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
