package dev.braid.deferred.threads;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;
import dev.braid.deferred.Threads;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The invocation handler behind {@link InThread#proxy}: method table built and checked once. */
final class ThreadedProxy implements InvocationHandler {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, char.class, Character.class,
            short.class, Short.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class, void.class, Void.class);

    private final Class<?> api;
    private final Object blocking;
    private final Map<Method, Method> targets;

    private ThreadedProxy(Class<?> api, Object blocking, Map<Method, Method> targets) {
        this.api = api;
        this.blocking = blocking;
        this.targets = targets;
    }

    static ThreadedProxy create(Class<?> api, Object blocking) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface");
        }
        Map<Method, Method> targets = new HashMap<>();
        for (Method method : api.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (method.getReturnType() != Deferred.class) {
                throw new IllegalArgumentException(describe(method) + " must return a Deferred to run in a thread");
            }
            Method target = findTarget(method, blocking.getClass());
            checkResultFits(method, target);
            targets.put(method, target);
        }
        return new ThreadedProxy(api, blocking, Map.copyOf(targets));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "InThread.proxy(" + api.getSimpleName() + " -> " + blocking + ")";
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Method target = targets.get(method);
        Object[] arguments = args == null ? new Object[0] : args.clone();
        return Threads.deferToThread(() -> {
            try {
                return target.invoke(blocking, arguments);
            } catch (InvocationTargetException e) {
                return new Failure(e.getCause()).raiseException(); // the original exception, unwrapped
            }
        });
    }

    private static Method findTarget(Method method, Class<?> type) {
        Method found;
        try {
            found = type.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no public method "
                    + signature(method) + " to implement " + describe(method), e);
        }
        if (Modifier.isPublic(found.getDeclaringClass().getModifiers())) {
            return found;
        }
        // A public method of a non-public class: call it through a public interface when there is one.
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> each : c.getInterfaces()) {
                try {
                    Method declared = each.getMethod(method.getName(), method.getParameterTypes());
                    if (Modifier.isPublic(declared.getDeclaringClass().getModifiers())) {
                        return declared;
                    }
                } catch (NoSuchMethodException ignored) {
                    // not this interface
                }
            }
        }
        if (!found.trySetAccessible()) {
            throw new IllegalArgumentException(found + " is not accessible to InThread.proxy");
        }
        return found;
    }

    private static void checkResultFits(Method method, Method target) {
        Type declared = method.getGenericReturnType();
        if (!(declared instanceof ParameterizedType parameterized)) {
            return; // a raw Deferred accepts anything
        }
        Type argument = parameterized.getActualTypeArguments()[0];
        if (argument instanceof WildcardType wildcard) {
            argument = wildcard.getUpperBounds()[0];
        }
        if (argument instanceof ParameterizedType inner) {
            argument = inner.getRawType();
        }
        if (!(argument instanceof Class<?> expected)) {
            return; // a type variable: nothing to check
        }
        Class<?> actual = BOXES.getOrDefault(target.getReturnType(), target.getReturnType());
        if (!expected.isAssignableFrom(actual)) {
            throw new IllegalArgumentException(describe(method) + " returns Deferred<" + expected.getSimpleName()
                    + "> but " + target.getDeclaringClass().getSimpleName() + "." + signature(target)
                    + " returns " + target.getReturnType().getSimpleName());
        }
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + signature(method);
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
