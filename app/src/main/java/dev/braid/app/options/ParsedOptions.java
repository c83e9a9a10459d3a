package dev.braid.app.options;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The values of a command's options after parsing: what a plugin's
 * {@code makeService} receives (Twisted's {@code usage.Options} dictionary).
 *
 * <p>Every value was checked by its option's {@link ValueType} during
 * parsing, so the typed getters do not fail on user input; they throw
 * {@link IllegalArgumentException} only for a name the spec does not have,
 * which is a programming error. Paths are resolved against
 * {@link #baseDirectory()}: the directory braid was started in for the
 * command line, the file's directory for a deployment file. Immutable.
 *
 * <pre>{@code
 * int port = options.integer("port");
 * Path poem = options.path("poem");
 * List<String> endpoints = options.list("listen");
 * }</pre>
 */
public final class ParsedOptions {
    private final OptionSpec spec;
    private final Map<String, List<String>> values;
    private final List<String> arguments;
    private final Path baseDirectory;
    private final boolean helpRequested;

    ParsedOptions(OptionSpec spec, Map<String, List<String>> values, List<String> arguments, Path baseDirectory,
                  boolean helpRequested) {
        this.spec = spec;
        this.values = Map.copyOf(values);
        this.arguments = List.copyOf(arguments);
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.helpRequested = helpRequested;
    }

    /**
     * Returns the spec these options were parsed with.
     *
     * @return the spec
     */
    public OptionSpec spec() {
        return spec;
    }

    /**
     * Returns whether {@code --help} was given; nothing else was checked then.
     *
     * @return true if help was asked for
     */
    public boolean helpRequested() {
        return helpRequested;
    }

    /**
     * Returns the value of a parameter: the last one given, else its default.
     *
     * @param name the option's long name
     * @return the value, or empty if absent and without default
     */
    public Optional<String> value(String name) {
        Option option = option(name);
        List<String> given = values.get(name);
        if (given != null && !given.isEmpty()) {
            return Optional.of(given.getLast());
        }
        return Optional.ofNullable(option.defaultValue());
    }

    /**
     * Returns the value of a parameter that has one (given or default).
     *
     * @param name the option's long name
     * @return the value
     * @throws NoSuchElementException if it was not given and has no default
     */
    public String string(String name) {
        return value(name).orElseThrow(() -> new NoSuchElementException("--" + name + " was not given"));
    }

    /**
     * Returns a parameter as an int.
     *
     * @param name the option's long name
     * @return the value
     */
    public int integer(String name) {
        return Integer.parseInt(string(name).strip());
    }

    /**
     * Returns a parameter as a double.
     *
     * @param name the option's long name
     * @return the value
     */
    public double number(String name) {
        return Double.parseDouble(string(name).strip());
    }

    /**
     * Returns a parameter as a path resolved against {@link #baseDirectory()}.
     *
     * @param name the option's long name
     * @return the absolute, normalised path
     */
    public Path path(String name) {
        return resolve(string(name));
    }

    /**
     * Resolves a path the way {@link #path} does, for values found elsewhere.
     *
     * @param value a path, relative or absolute
     * @return the absolute, normalised path
     */
    public Path resolve(String value) {
        return baseDirectory.resolve(value).toAbsolutePath().normalize();
    }

    /**
     * Returns whether a flag was given.
     *
     * @param name the flag's long name
     * @return true if present
     */
    public boolean flag(String name) {
        option(name);
        return values.containsKey(name);
    }

    /**
     * Returns every value given for an option, in order; for a repeatable
     * option given no value, its default (if any) as a single element.
     *
     * @param name the option's long name
     * @return the values, possibly empty
     */
    public List<String> list(String name) {
        Option option = option(name);
        List<String> given = values.get(name);
        if (given != null && !given.isEmpty()) {
            return given;
        }
        return option.defaultValue() == null ? List.of() : List.of(option.defaultValue());
    }

    /**
     * Returns whether an option was given explicitly (not just defaulted).
     *
     * @param name the option's long name
     * @return true if given
     */
    public boolean given(String name) {
        option(name);
        return values.containsKey(name);
    }

    /**
     * Returns the positional arguments after the options.
     *
     * @return the arguments, in order
     */
    public List<String> arguments() {
        return arguments;
    }

    /**
     * Returns the directory relative paths are resolved against.
     *
     * @return an absolute path
     */
    public Path baseDirectory() {
        return baseDirectory;
    }

    private Option option(String name) {
        return spec.find(name).orElseThrow(() -> new IllegalArgumentException(
                spec.command() + " has no option --" + name));
    }

    @Override
    public String toString() {
        return "ParsedOptions[" + spec.command() + " " + values + " " + arguments + "]";
    }
}
