package org.originhub.web.console;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Predicate;
import org.originhub.hub.users.entity.Role;

/**
 * Deny by default for console actions, on the server: a method of a {@link Guarded} bean runs only when it names its
 * action with {@link Allowed} and the caller's role is one the action admits. Property accessors (what pages read
 * and forms write) pass, since they only move values between the page and the bean; every other method without
 * {@code @Allowed} is refused to everybody, so a forgotten annotation closes an action instead of opening it.
 */
@Guarded
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ActionCheck implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SecurityContext security;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        requirePermitted(invocation.getMethod(), role -> security.isCallerInRole(role.name()));
        return invocation.proceed();
    }

    /** @throws ConsoleForbiddenException when the caller, in the roles {@code callerIs} admits, may not call it */
    static void requirePermitted(Method method, Predicate<Role> callerIs) {
        if (isAccessor(method)) {
            return;
        }
        Allowed allowed = method.getAnnotation(Allowed.class);
        if (allowed == null) {
            throw new ConsoleForbiddenException("This action declares no access rule, so it is closed to everybody");
        }
        if (Arrays.stream(Role.values()).noneMatch(role -> allowed.value().admits(role) && callerIs.test(role))) {
            throw new ConsoleForbiddenException("Your role may not do this");
        }
    }

    /** A JavaBeans getter or setter, or a method of Object. */
    static boolean isAccessor(Method method) {
        String name = method.getName();
        int parameters = method.getParameterCount();
        boolean returns = method.getReturnType() != void.class;
        return method.getDeclaringClass() == Object.class
                || parameters == 0 && returns && (name.startsWith("get") && name.length() > 3
                        || name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class)
                || parameters == 1 && !returns && name.startsWith("set") && name.length() > 3;
    }
}
