package dev.braid.web.guard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Slows down password guessing: after a number of failed logins in a row
 * from one client address, each further failure is answered only after a
 * delay that doubles with every failure, up to a cap. A successful login
 * from the address, or a quiet period without failures, clears its record.
 * At most {@code maxClients} addresses are remembered (the least recently
 * failing is forgotten first), so a flood of addresses costs bounded memory.
 * Thread-safe.
 *
 * <p>Defaults ({@link #defaults()}): 5 free failures, then 1 s, 2 s, 4 s …
 * up to 16 s; forgotten after 15 minutes without a failure; 10,000 addresses.
 *
 * <pre>{@code
 * new HttpAuthWrapper(portal, factories, LoginThrottle.builder().freeFailures(3).maxDelay(Duration.ofSeconds(60)).build());
 * }</pre>
 */
public final class LoginThrottle {
    private final int freeFailures;
    private final double firstDelay;
    private final double maxDelay;
    private final double forgetAfter;
    private final int maxClients;
    private final DoubleSupplier seconds;
    private final Map<String, Record> clients = new LinkedHashMap<>(64, 0.75f, true);

    /** One address's run of failures. */
    private static final class Record {
        int failures;
        double lastFailure;
    }

    private LoginThrottle(Builder builder) {
        this.freeFailures = builder.freeFailures;
        this.firstDelay = builder.firstDelay.toNanos() / 1e9;
        this.maxDelay = builder.maxDelay.toNanos() / 1e9;
        this.forgetAfter = builder.forgetAfter.toNanos() / 1e9;
        this.maxClients = builder.maxClients;
        this.seconds = builder.seconds;
    }

    /**
     * Returns a throttle with the default settings.
     *
     * @return a new throttle
     */
    public static LoginThrottle defaults() {
        return builder().build();
    }

    /**
     * Returns a throttle that never delays (for tests and trusted networks).
     *
     * @return a new throttle
     */
    public static LoginThrottle none() {
        return builder().firstDelay(Duration.ZERO).build();
    }

    /**
     * Starts configuring a throttle.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records a failed login from {@code client}.
     *
     * @param client the client's address
     * @return how long to wait before answering this failure (zero while free failures remain)
     */
    public Duration failed(String client) {
        double now = seconds.getAsDouble();
        int failures;
        synchronized (clients) {
            Record record = clients.get(client);
            if (record == null || now - record.lastFailure > forgetAfter) {
                record = new Record();
                clients.put(client, record);
                trim();
            }
            record.failures++;
            record.lastFailure = now;
            failures = record.failures;
        }
        return delayAfter(failures);
    }

    /**
     * Records a successful login: the client's failures are forgotten.
     *
     * @param client the client's address
     */
    public void succeeded(String client) {
        synchronized (clients) {
            clients.remove(client);
        }
    }

    /**
     * Returns how many failures in a row are remembered for {@code client}.
     *
     * @param client the client's address
     * @return the count, 0 if none (or forgotten)
     */
    public int failures(String client) {
        synchronized (clients) {
            Record record = clients.get(client);
            return record == null || seconds.getAsDouble() - record.lastFailure > forgetAfter ? 0 : record.failures;
        }
    }

    /**
     * Returns how many addresses are remembered.
     *
     * @return at most the configured maximum
     */
    public int size() {
        synchronized (clients) {
            return clients.size();
        }
    }

    private Duration delayAfter(int failures) {
        int over = failures - freeFailures;
        if (over <= 0 || firstDelay <= 0) {
            return Duration.ZERO;
        }
        double delay = Math.min(maxDelay, firstDelay * Math.pow(2, Math.min(over - 1, 30)));
        return Duration.ofNanos(Math.round(delay * 1e9));
    }

    private void trim() {
        var eldest = clients.entrySet().iterator();
        while (clients.size() > maxClients && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    /** Configures a {@link LoginThrottle}. */
    public static final class Builder {
        private int freeFailures = 5;
        private Duration firstDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(16);
        private Duration forgetAfter = Duration.ofMinutes(15);
        private int maxClients = 10_000;
        private DoubleSupplier seconds = () -> System.nanoTime() / 1e9;

        private Builder() {
        }

        /**
         * Sets how many failures in a row are answered at once (5 by default).
         *
         * @param count at least 0
         * @return this builder
         */
        public Builder freeFailures(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("freeFailures must be >= 0");
            }
            this.freeFailures = count;
            return this;
        }

        /**
         * Sets the delay of the first slowed-down failure (1 s by default); zero turns the throttle off.
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder firstDelay(Duration delay) {
            this.firstDelay = Objects.requireNonNull(delay);
            return this;
        }

        /**
         * Sets the longest delay (16 s by default).
         *
         * @param delay the cap
         * @return this builder
         */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = Objects.requireNonNull(delay);
            return this;
        }

        /**
         * Sets how long an address's failures are remembered after its last one (15 minutes by default).
         *
         * @param period the quiet period
         * @return this builder
         */
        public Builder forgetAfter(Duration period) {
            this.forgetAfter = Objects.requireNonNull(period);
            return this;
        }

        /**
         * Sets how many addresses are remembered at most (10,000 by default).
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxClients(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxClients must be >= 1");
            }
            this.maxClients = count;
            return this;
        }

        /**
         * Sets the time source, in seconds (tests pass a {@link dev.braid.deferred.Clock}'s).
         *
         * @param time the time source
         * @return this builder
         */
        public Builder time(DoubleSupplier time) {
            this.seconds = Objects.requireNonNull(time);
            return this;
        }

        /**
         * Builds the throttle.
         *
         * @return the throttle
         */
        public LoginThrottle build() {
            return new LoginThrottle(this);
        }
    }
}
