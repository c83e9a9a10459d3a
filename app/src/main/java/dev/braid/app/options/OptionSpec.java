package dev.braid.app.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options a command accepts (Twisted's {@code usage.Options} subclass):
 * flags and parameters with their defaults, descriptions and checks, the
 * positional arguments it takes, and the text {@code --help} shows.
 *
 * <p>Parsing follows twistd's getopt rules: {@code --name=value},
 * {@code --name value}, {@code -n value}, {@code -nvalue}, grouped short
 * flags ({@code -nb}), {@code --} to end the options, and the first
 * positional argument ends them too (so a plugin's options after the plugin
 * name are left for the plugin). Unlike Python's getopt, abbreviated long
 * options ({@code --nodae}) are not accepted: an abbreviation that works
 * today breaks when an option is added. Every spec has {@code --help}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * OptionSpec spec = OptionSpec.builder("fastpoetry")
 *         .param("port", 'p', "10000", "the port to listen on", ValueType.PORT)
 *         .param("poem", 'P', null, "the poem file to serve")
 *         .flag("verbose", 'v', "log every connection")
 *         .description("Serves a poem to each client, as fast as it can.")
 *         .build();
 * ParsedOptions options = spec.parse(List.of("--port=0"), Path.of(""));
 * }</pre>
 */
public final class OptionSpec {
    /** The long name of the flag every spec has. */
    public static final String HELP = "help";

    private final String command;
    private final String synopsis;
    private final String description;
    private final List<Option> options;
    private final Map<String, Option> byLong;
    private final Map<Character, Option> byShort;
    private final int minArguments;
    private final int maxArguments;
    private final boolean stopAtArgument;

    private OptionSpec(Builder builder) {
        this.command = builder.command;
        this.synopsis = builder.synopsis;
        this.description = builder.description;
        this.minArguments = builder.minArguments;
        this.maxArguments = builder.maxArguments;
        this.stopAtArgument = builder.stopAtArgument;
        List<Option> all = new ArrayList<>(builder.options.values());
        all.sort(Comparator.comparing(Option::longName));
        this.options = List.copyOf(all);
        this.byLong = Map.copyOf(builder.options);
        Map<Character, Option> shorts = new LinkedHashMap<>();
        for (Option option : all) {
            if (option.shortName() != 0) {
                shorts.put(option.shortName(), option);
            }
        }
        this.byShort = Map.copyOf(shorts);
    }

    /**
     * Starts a spec for a command.
     *
     * @param command the command's name, as the user types it (a plugin's name)
     * @return a builder already holding {@code --help}
     */
    public static Builder builder(String command) {
        return new Builder(command);
    }

    /**
     * Returns the command's name.
     *
     * @return the name
     */
    public String command() {
        return command;
    }

    /**
     * Returns the usage line's tail, such as {@code "[options] HOST:PORT..."}.
     *
     * @return the synopsis
     */
    public String synopsis() {
        return synopsis;
    }

    /**
     * Returns the text shown after the options in {@code --help}.
     *
     * @return the description, possibly empty
     */
    public String description() {
        return description;
    }

    /**
     * Returns the options, sorted by long name as twistd lists them.
     *
     * @return the options, {@code --help} included
     */
    public List<Option> options() {
        return options;
    }

    /**
     * Finds an option by long name.
     *
     * @param longName the name after {@code --}
     * @return the option, or empty
     */
    public Optional<Option> find(String longName) {
        return Optional.ofNullable(byLong.get(longName));
    }

    Optional<Option> findShort(char shortName) {
        return Optional.ofNullable(byShort.get(shortName));
    }

    int minArguments() {
        return minArguments;
    }

    int maxArguments() {
        return maxArguments;
    }

    boolean stopsAtArgument() {
        return stopAtArgument;
    }

    /**
     * Parses command-line arguments.
     *
     * @param args the arguments after the command's name
     * @param baseDirectory what relative paths in the values are resolved against
     * @return the parsed options; with {@code --help}, nothing else is checked
     * @throws UsageError for an unknown option, a missing or bad value, or a
     *     wrong number of positional arguments
     */
    public ParsedOptions parse(List<String> args, Path baseDirectory) throws UsageError {
        return new CommandLineParser(this).parse(args, baseDirectory);
    }

    /**
     * Builds options from named values, as a deployment file gives them: each
     * key is an option's long name; a flag's value is {@code true} or
     * {@code false}; a repeatable option may have several values.
     *
     * @param values the values by option name, in the file's order
     * @param baseDirectory what relative paths are resolved against
     * @param where names the place in the file for error messages
     * @return the parsed options
     * @throws UsageError for an unknown name or a bad value
     */
    public ParsedOptions fromValues(Map<String, List<String>> values, Path baseDirectory, String where) throws UsageError {
        Map<String, List<String>> checked = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            Option option = find(entry.getKey()).filter(o -> !o.longName().equals(HELP)).orElseThrow(() -> new UsageError(
                    where + ": " + command + " has no option '" + entry.getKey() + "'"));
            List<String> given = entry.getValue();
            switch (option.kind()) {
                case FLAG -> {
                    if (given.size() != 1 || !given.getFirst().matches("true|false")) {
                        throw new UsageError(where + ": '" + option.longName() + "' is a flag: write true or false");
                    }
                    if (given.getFirst().equals("true")) {
                        checked.put(option.longName(), List.of());
                    }
                }
                case PARAM -> {
                    if (given.size() != 1) {
                        throw new UsageError(where + ": '" + option.longName() + "' takes one value, not a list");
                    }
                    checked.put(option.longName(), List.of(check(option, given.getFirst(), where + ": ")));
                }
                case LIST -> {
                    List<String> list = new ArrayList<>();
                    for (String value : given) {
                        list.add(check(option, value, where + ": "));
                    }
                    checked.put(option.longName(), list);
                }
            }
        }
        return new ParsedOptions(this, checked, List.of(), baseDirectory, false);
    }

    static String check(Option option, String value, String prefix) throws UsageError {
        try {
            option.type().check(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new UsageError(prefix + "--" + option.longName() + ": " + e.getMessage());
        }
    }

    /**
     * Returns the help text: the usage line, the options with their defaults,
     * then the description.
     *
     * @param usagePrefix what comes before the synopsis, such as
     *     {@code "braid [options] fastpoetry"}
     * @return the text, ending with a newline
     */
    public String help(String usagePrefix) {
        return HelpText.format(this, usagePrefix);
    }

    @Override
    public String toString() {
        return "OptionSpec[" + command + "]";
    }

    /** Configures an {@link OptionSpec}. */
    public static final class Builder {
        private final String command;
        private final Map<String, Option> options = new LinkedHashMap<>();
        private String synopsis = "[options]";
        private String description = "";
        private int minArguments;
        private int maxArguments;
        private boolean stopAtArgument = true;

        private Builder(String command) {
            this.command = command;
            add(new Option(HELP, (char) 0, Option.Kind.FLAG, null, "Display this help and exit.", ValueType.TEXT));
        }

        /**
         * Adds a flag.
         *
         * @param longName the name after {@code --}
         * @param shortName the letter after {@code -}, or 0
         * @param description one sentence for the help
         * @return this builder
         */
        public Builder flag(String longName, char shortName, String description) {
            return add(new Option(longName, shortName, Option.Kind.FLAG, null, description, ValueType.TEXT));
        }

        /**
         * Adds a parameter taking any text.
         *
         * @param longName the name after {@code --}
         * @param shortName the letter after {@code -}, or 0
         * @param defaultValue the value when absent, or null
         * @param description one sentence for the help
         * @return this builder
         */
        public Builder param(String longName, char shortName, String defaultValue, String description) {
            return param(longName, shortName, defaultValue, description, ValueType.TEXT);
        }

        /**
         * Adds a parameter whose values are checked.
         *
         * @param longName the name after {@code --}
         * @param shortName the letter after {@code -}, or 0
         * @param defaultValue the value when absent, or null
         * @param description one sentence for the help
         * @param type the check
         * @return this builder
         */
        public Builder param(String longName, char shortName, String defaultValue, String description, ValueType type) {
            return add(new Option(longName, shortName, Option.Kind.PARAM, defaultValue, description, type));
        }

        /**
         * Adds a parameter that may be given several times.
         *
         * @param longName the name after {@code --}
         * @param shortName the letter after {@code -}, or 0
         * @param defaultValue the single value when none is given, or null
         * @param description one sentence for the help
         * @param type the check applied to each value
         * @return this builder
         */
        public Builder list(String longName, char shortName, String defaultValue, String description, ValueType type) {
            return add(new Option(longName, shortName, Option.Kind.LIST, defaultValue, description, type));
        }

        /**
         * Adds an option.
         *
         * @param option the option
         * @return this builder
         * @throws IllegalArgumentException if its long or short name is taken
         */
        public Builder add(Option option) {
            if (options.containsKey(option.longName())) {
                throw new IllegalArgumentException(command + " already has --" + option.longName());
            }
            if (option.shortName() != 0 && options.values().stream().anyMatch(o -> o.shortName() == option.shortName())) {
                throw new IllegalArgumentException(command + " already has -" + option.shortName());
            }
            options.put(option.longName(), option);
            return this;
        }

        /**
         * Accepts positional arguments after the options.
         *
         * @param synopsis how the usage line shows them, such as {@code "HOST:PORT..."}
         * @param min the fewest accepted
         * @param max the most accepted ({@link Integer#MAX_VALUE} for any number)
         * @return this builder
         */
        public Builder arguments(String synopsis, int min, int max) {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("bad argument counts " + min + ".." + max);
            }
            this.synopsis = "[options] " + synopsis;
            this.minArguments = min;
            this.maxArguments = max;
            return this;
        }

        /**
         * Lets options and positional arguments mix (GNU style) instead of
         * ending the options at the first positional argument.
         *
         * @return this builder
         */
        public Builder interspersed() {
            this.stopAtArgument = false;
            return this;
        }

        /**
         * Sets the text shown after the options in {@code --help}.
         *
         * @param description a paragraph or two
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return an immutable spec
         */
        public OptionSpec build() {
            return new OptionSpec(this);
        }
    }
}
