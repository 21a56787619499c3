package org.originhub.hub.configuration.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The migrations' connections: no socket timeout while they are used, the pool's again before they go back. */
class UnboundedReadsTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Test
    void aMigrationReadsWithoutTheSocketTimeoutAndTheConnectionGoesBackWithIt() throws Exception {
        DataSource migrations = new UnboundedReads(pool(), 10_000);

        try (Connection connection = migrations.getConnection()) {
            connection.createStatement();
        }

        assertThat(calls).containsExactly("setNetworkTimeout 0", "createStatement", "isClosed",
                "setNetworkTimeout 10000", "close");
    }

    private DataSource pool() {
        Connection pooled = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + (method.getName().equals("setNetworkTimeout") ? " " + args[1] : ""));
                    return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return pooled;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
