package dev.braid.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/defer-trace}: reads a deferred script on standard input, runs it
 * on Braid's Deferred and prints the trace that Twisted's reference
 * interpreter prints for the same script (the script language: docs/deferred.md).
 * Exit status 0 after a complete run, 2 after a syntax error.
 */
public final class DeferTrace {
    private DeferTrace() {
    }

    /**
     * Runs the script on standard input.
     *
     * @param args ignored
     * @throws IOException if standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String script = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        int status = run(script, out);
        out.flush();
        System.exit(status);
    }

    /**
     * Runs a whole script.
     *
     * @param script the script text
     * @param out where the trace goes
     * @return the exit status: 0, or 2 after a syntax error
     */
    public static int run(String script, PrintStream out) {
        ScriptParser parser = new ScriptParser();
        Interpreter interpreter = new Interpreter(out);
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> tokens = Arrays.asList(trimmed.split("[ \t]+"));
            Script.Statement statement;
            try {
                statement = parser.parse(tokens);
            } catch (ScriptParser.SyntaxError e) {
                out.println("SYNTAX ERROR line " + (i + 1));
                return 2;
            }
            interpreter.execute(statement);
        }
        interpreter.finish();
        return 0;
    }

}
