package dev.braid.web.cgi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A CGI script run through an interpreter (Twisted's {@code twcgi.FilteredScript}):
 * the command is {@code interpreter script args...}, so the script need not
 * be executable.
 *
 * <pre>{@code
 * root.putChild("hello.py", new FilteredScript(Path.of("cgi-bin/hello.py"), "/usr/bin/python3"));
 * }</pre>
 */
public class FilteredScript extends CgiScript {
    private final String interpreter;

    /**
     * Creates the resource.
     *
     * @param script the script
     * @param interpreter the program that runs it
     */
    public FilteredScript(Path script, String interpreter) {
        this(script, interpreter, Duration.ofSeconds(60));
    }

    /**
     * Creates the resource with a timeout.
     *
     * @param script the script
     * @param interpreter the program that runs it
     * @param timeout how long it may run
     */
    public FilteredScript(Path script, String interpreter, Duration timeout) {
        this(script, interpreter, CgiOptions.defaults().withTimeout(timeout));
    }

    /**
     * Creates the resource with options.
     *
     * @param script the script
     * @param interpreter the program that runs it
     * @param options the timeout, the process cap and query arguments
     */
    public FilteredScript(Path script, String interpreter, CgiOptions options) {
        super(script, options);
        this.interpreter = interpreter;
    }

    @Override
    protected boolean runnable() {
        return Files.isReadable(script());
    }

    @Override
    protected List<String> command(List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add(interpreter);
        argv.add(script().toString());
        argv.addAll(arguments);
        return argv;
    }
}
