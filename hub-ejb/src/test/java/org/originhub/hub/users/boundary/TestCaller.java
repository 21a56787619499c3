package org.originhub.hub.users.boundary;

import jakarta.ejb.SessionContext;
import java.lang.reflect.Proxy;
import java.security.Principal;

/** An EJB {@code SessionContext} whose caller is a given user, for boundaries used as plain objects in tests. */
final class TestCaller {

    private TestCaller() {
    }

    static SessionContext as(String username) {
        Principal principal = () -> username;
        return (SessionContext) Proxy.newProxyInstance(TestCaller.class.getClassLoader(),
                new Class<?>[] {SessionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCallerPrincipal" -> principal;
                    case "setRollbackOnly" -> null;
                    case "toString" -> "TestCaller[" + username + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
