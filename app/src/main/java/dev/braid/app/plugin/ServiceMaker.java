package dev.braid.app.plugin;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.deferred.service.Service;

/**
 * A {@code braid} plugin: a named way to make a service from command-line
 * options (Twisted's {@code IServiceMaker}).
 *
 * <p>Plugins are found with {@link java.util.ServiceLoader}: a jar on the
 * class path (for the {@code braid} binary, {@code BRAID_CLASSPATH}) that
 * lists its class in {@code META-INF/services/dev.braid.app.plugin.ServiceMaker}
 * adds a command. {@code braid --help} lists plugins by name with their
 * descriptions; {@code braid NAME --help} shows {@link #options()}. The same
 * plugin serves deployment files, where {@code plugin: NAME} and its
 * {@code options:} map make the service.
 *
 * <p>{@link #makeService} should only build the service: bind ports in
 * {@code privilegedStartService} or {@code startService}, which braid calls
 * later (after writing the pid file, before dropping privileges).
 *
 * <pre>{@code
 * public final class EchoPlugin implements ServiceMaker {
 *     public String name() { return "echo"; }
 *     public String description() { return "Echoes every line back."; }
 *     public OptionSpec options() {
 *         return OptionSpec.builder("echo").param("port", 'p', "7", "port", ValueType.PORT).build();
 *     }
 *     public Service makeService(ParsedOptions options) { return new EchoService(options.integer("port")); }
 * }
 * }</pre>
 */
public interface ServiceMaker {
    /**
     * Returns the command's name (twistd's {@code tapname}).
     *
     * @return a lower-case word, such as {@code "fastpoetry"}
     */
    String name();

    /**
     * Returns one sentence for {@code braid --help}.
     *
     * @return the description
     */
    String description();

    /**
     * Returns the options the plugin accepts.
     *
     * @return the spec; its command should be {@link #name()}
     */
    OptionSpec options();

    /**
     * Makes the service, without starting it.
     *
     * @param options the parsed options; relative paths resolve against the
     *     directory braid started in, or the deployment file's directory
     * @return the service
     * @throws dev.braid.app.options.UsageError when the options do not fit together
     * @throws Exception when the service cannot be made; braid reports
     *     "Failed to load application" and exits 1
     */
    Service makeService(ParsedOptions options) throws Exception;

    /**
     * Makes a plugin from its parts, for plugins written as one expression.
     *
     * @param name the command's name
     * @param description one sentence for the help
     * @param options the options
     * @param factory what makes the service
     * @return the plugin
     */
    static ServiceMaker of(String name, String description, OptionSpec options, ServiceFactory factory) {
        return new ServiceMaker() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public OptionSpec options() {
                return options;
            }

            @Override
            public Service makeService(ParsedOptions parsed) throws Exception {
                return factory.makeService(parsed);
            }

            @Override
            public String toString() {
                return "ServiceMaker[" + name + "]";
            }
        };
    }

    /** The {@link #makeService} part of a plugin, as a lambda. */
    @FunctionalInterface
    interface ServiceFactory {
        /**
         * Makes the service.
         *
         * @param options the parsed options
         * @return the service
         * @throws Exception when it cannot be made
         */
        Service makeService(ParsedOptions options) throws Exception;
    }
}
