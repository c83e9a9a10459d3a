package dev.braid.web.session;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The values of a session kept in this process: a concurrent map whose
 * counters are AtomicLongs, so an increment is lock-free and allocates nothing.
 */
final class LocalSessionValues implements SessionValues {
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>(4);   // String or AtomicLong

    @Override
    public long increment(String name, long delta) {
        while (true) {
            Object value = values.computeIfAbsent(name, n -> new AtomicLong());
            if (value instanceof AtomicLong counter) {
                long before;
                long after;
                do {
                    before = counter.get();
                    after = add(name, before, delta);
                } while (!counter.compareAndSet(before, after));
                if (values.get(name) == counter) {
                    return after;
                }
                continue;   // replaced by put or remove meanwhile: count on what is there now
            }
            String text = (String) value;
            long parsed = parse(name, text);
            if (values.replace(name, text, new AtomicLong(add(name, parsed, delta)))) {
                return parsed + delta;
            }
        }
    }

    @Override
    public Optional<String> get(String name) {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    @Override
    public void put(String name, String value) {
        values.put(name, value);
    }

    @Override
    public void remove(String name) {
        values.remove(name);
    }

    private static long parse(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("session value '" + name + "' is not a decimal integer: '" + text + "'");
        }
    }

    private static long add(String name, long value, long delta) {
        try {
            return Math.addExact(value, delta);
        } catch (ArithmeticException e) {
            throw new IllegalStateException("session counter '" + name + "' would overflow");
        }
    }
}
