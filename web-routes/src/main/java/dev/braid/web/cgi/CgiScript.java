package dev.braid.web.cgi;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.Threads;
import dev.braid.deferred.log.Log;
import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CGI script for each request (RFC 3875; Twisted's {@code twcgi.CGIScript}).
 *
 * <ul>
 *   <li>The script gets the RFC's variables — {@code REQUEST_METHOD},
 *       {@code QUERY_STRING}, {@code PATH_INFO} (the path below the script:
 *       correct here, a 500 in Twisted 22.4), {@code SCRIPT_NAME},
 *       {@code CONTENT_TYPE}, {@code CONTENT_LENGTH}, {@code SERVER_*},
 *       {@code REMOTE_ADDR}, {@code HTTP_*} for the headers (never
 *       {@code HTTP_PROXY}: httpoxy) — the request body on its standard input,
 *       and, for a query without {@code =}, its words as arguments (RFC 3875
 *       §4.4; {@link CgiOptions#queryArguments()} turns this off).</li>
 *   <li>Output headers as Twisted parses them: {@code Status:} sets the code,
 *       {@code Location:} gives 302, {@code Server}/{@code Date} are dropped,
 *       lines without {@code ": "} are logged and ignored, no Content-Type is
 *       added; the body is streamed as it comes.</li>
 *   <li>No output, or no blank line ending the headers: 500 "Premature end of
 *       script headers.". A non-zero exit is logged; standard error goes to the log.</li>
 *   <li>Beyond Twisted: a timeout (60 s by default) kills the script; so do the
 *       client going away and the end of the request's loop. The environment is
 *       only the CGI variables and a fixed {@code PATH}, not the whole server's
 *       (Twisted passes its own environment on, secrets included). At most
 *       {@link CgiProcesses} scripts run at once (32 by default): beyond, 503.
 *       A script that is not executable is 403, one that cannot be started
 *       500, both without a traceback or a path in the page (the log has them).</li>
 * </ul>
 */
public class CgiScript extends Resource {
    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Path script;
    private final Duration timeout;
    private final CgiOptions options;

    /**
     * Creates the resource with the {@link CgiOptions#defaults() default options}.
     *
     * @param script the executable script
     */
    public CgiScript(Path script) {
        this(script, CgiOptions.defaults());
    }

    /**
     * Creates the resource with the default options but the timeout.
     *
     * @param script the executable script
     * @param timeout how long the script may run
     */
    public CgiScript(Path script, Duration timeout) {
        this(script, CgiOptions.defaults().withTimeout(timeout));
    }

    /**
     * Creates the resource.
     *
     * @param script the executable script
     * @param options the timeout, the process cap and query arguments
     */
    public CgiScript(Path script, CgiOptions options) {
        this.script = script.toAbsolutePath().normalize();
        this.timeout = options.timeout();
        this.options = options;
    }

    /**
     * Returns whether the script can be started as it is; {@link FilteredScript}
     * runs it through an interpreter, so it only needs to be readable.
     *
     * @return true if the command can run
     */
    protected boolean runnable() {
        return Files.isExecutable(script);
    }

    /**
     * Returns the command line: the script and its arguments. {@link FilteredScript}
     * puts an interpreter in front.
     *
     * @param arguments the ISINDEX words of the query
     * @return argv
     */
    protected List<String> command(List<String> arguments) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.addAll(arguments);
        return argv;
    }

    /**
     * Returns the script's path.
     *
     * @return the path
     */
    public Path script() {
        return script;
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Object render(Request request) {
        if (!Files.isRegularFile(script) || !runnable()) {
            Log.msg("CGI script " + script + " is not executable (" + request.uri() + ")");
            return new ErrorPage(403, "Forbidden Resource", "The script cannot be run.").render(request);
        }
        ProcessBuilder builder = new ProcessBuilder(command(options.queryArguments()
                ? isindexArguments(request) : List.of())).directory(script.getParent().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(CgiEnvironment.of(request, script));
        env.put("PATH", PATH);
        CgiProcesses processes = options.processes();
        if (!processes.tryAcquire()) {
            Log.msg("CGI " + request.uri() + " refused: " + processes.max() + " scripts already running");
            request.setHeader("Retry-After", "1");
            return new ErrorPage(503, "Service Unavailable", "Too many scripts are running; try again soon.")
                    .render(request);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            processes.release();
            Log.err(e, "CGI script " + script + " could not be started (" + request.uri() + ")");
            return new ErrorPage(500, "CGI Script Error", "The script could not be started.").render(request);
        }
        process.onExit().whenComplete((exited, error) -> processes.release());
        request.setDefaultContentType(null);
        DelayedCall killer = request.loop().callLater(timeout.toNanos() / 1e9, () -> {
            Log.msg("CGI " + request.uri() + " ran longer than " + timeout + ": killed");
            kill(process);
        });
        request.notifyFinish().addErrback(gone -> {
            kill(process);
            return null;
        });
        InputStream body = request.contentStream();   // streamed, or the chunked body buffered for CONTENT_LENGTH
        Threads.deferToThread(() -> {
            try (OutputStream stdin = process.getOutputStream(); body) {
                body.transferTo(stdin);
            } catch (IOException ignored) {
                // the script did not read its input
            }
            return null;
        });
        Threads.deferToThread(() -> logErrors(request, process.getErrorStream()));
        Deferred<Object> output = Threads.deferToThread(() -> pump(request, process));
        output.addBoth(outcome -> {
            if (killer.active()) {
                killer.cancel();
            }
            return outcome;
        }).addErrback(failure -> {
            kill(process);
            if (!request.finished()) {
                request.processingFailed(failure);
            }
            return null;
        });
        return NOT_DONE_YET;
    }

    /** Reads the script's output on a worker thread; writes reach the request's loop in order. */
    private Object pump(Request request, Process process) throws IOException, InterruptedException {
        try (InputStream stdout = process.getInputStream()) {
            CgiOutput headers = CgiOutput.readHeaders(stdout);
            if (headers == null) {
                int code = waitFor(process);
                Log.msg("Premature end of headers in " + request.uri() + " (exit code " + code + ")");
                post(request, process, () -> {
                    if (!request.finished()) {
                        new ErrorPageSender(request).send();
                    }
                });
                return null;
            }
            post(request, process, () -> headers.apply(request));
            if (!headers.leftover().isEmpty()) {
                byte[] first = headers.leftoverBytes();
                post(request, process, () -> writeIfOpen(request, first));
            }
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = stdout.read(buffer)) >= 0) {
                byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                post(request, process, () -> writeIfOpen(request, chunk));
            }
            int code = waitFor(process);
            if (code != 0) {
                Log.msg("CGI " + request.uri() + " exited with exit code " + code);
            }
            post(request, process, () -> {
                if (!request.finished()) {
                    request.finish();
                }
            });
            return null;
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
    }

    /** Hands an action to the request's loop; once the request has ended, the script is killed instead. */
    private static void post(Request request, Process process, Runnable action) {
        try {
            request.loop().callFromThread(action);
        } catch (IllegalStateException ended) {
            kill(process);
        }
    }

    private static void writeIfOpen(Request request, byte[] data) {
        if (!request.finished()) {
            request.write(data);
        }
    }

    private static int waitFor(Process process) throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill(process);
            process.waitFor();
        }
        return process.exitValue();
    }

    private static Object logErrors(Request request, InputStream stderr) throws IOException {
        byte[] errors = stderr.readAllBytes();
        if (errors.length > 0) {
            Log.msg("Errors from CGI " + request.uri() + ": " + new String(errors, StandardCharsets.UTF_8).strip());
        }
        return null;
    }

    /** Kills the script and anything it started. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A query without "=" becomes arguments: split on "+", each unquoted (Twisted's ISINDEX handling). */
    static List<String> isindexArguments(Request request) {
        String query = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "";
        if (query.isEmpty() || query.contains("=")) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : query.split("\\+")) {
            words.add(dev.braid.web.internal.UrlCodec.unquote(word));
        }
        return words;
    }

    /** The 500 for a script that never finished its headers. */
    private record ErrorPageSender(Request request) {
        void send() {
            ErrorPage page = new ErrorPage(500, "CGI Script Error", "Premature end of script headers.");
            request.finishWith(String.valueOf(page.render(request)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + script + "]";
    }
}
