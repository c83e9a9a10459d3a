package dev.braid.trace.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code braid-deferred-simulator}: the Twisted Introduction's Deferred
 * simulator. Reads (callback, errback) pairs, one per line, until a blank
 * line or the end of the input, and prints the chain next to its firing
 * patterns for {@code d.callback(initial)} and {@code d.errback(initial*)} —
 * byte for byte what {@code deferred-simulator.py} prints after its
 * instructions.
 *
 * <pre>
 * braid-deferred-simulator [--narrow] [FILE]
 * </pre>
 *
 * <p>At a terminal it prints the instructions and, like the original, says
 * what is wrong with a bad line and lets you type it again. Reading a file
 * or a pipe it prints only the diagram, and a bad line is an error naming the
 * line (exit status 2) — the original would loop on it forever. Where the
 * original exits without a diagram at the end of the input, Braid draws what
 * was read.
 */
public final class DeferredSimulator {
    private static final String USAGE = "usage: braid-deferred-simulator [--narrow] [FILE]";
    private static final String INSTRUCTIONS = """
            Enter a list of callback/errback pairs in the form:

              CALLBACK ERRBACK

            Where CALLBACK and ERRBACK are one of:

              return VALUE
              fail VALUE
              passthru

            And where VALUE is a string of only letters and numbers (no spaces),
            no more than 6 characters long.

            Each pair should be on a single line and you can abbreviate
            return/fail/passthru as r/f/p.

            Examples:

              r good f bad  # callback returns 'good'
                            # and errback raises Exception('bad')

              f googly p    # callback raises Exception('googly')
                            # and errback passes its failure along

            Enter a blank line when you are done, and a diagram of the deferred
            will be printed next to the firing patterns for both the callback()
            and errback() methods. In the diagram, a value followed by '*' is
            really an Exception wrapped in a Failure, i.e:

              value* == Failure(Exception(value))

            You will want to make your terminal as wide as possible.
            """;

    private DeferredSimulator() {
    }

    /**
     * Runs the simulator.
     *
     * @param args {@code [--narrow] [FILE]}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the simulator on stdin or a file.
     *
     * @param args the command line
     * @param out the diagram
     * @param err messages
     * @return the exit status: 0, or 2 for bad usage or input
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean narrow = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--narrow")) {
                narrow = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                out.println("Draws a Deferred's callback chain and how it fires; see docs/deferred.md.");
                return 0;
            } else if (arg.startsWith("-") || file != null) {
                err.println("braid-deferred-simulator: bad argument '" + arg + "'\n" + USAGE);
                return 2;
            } else {
                file = arg;
            }
        }
        boolean interactive = file == null && System.console() != null && System.console().isTerminal();
        try (Reader reader = file == null ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            List<Chain.Pair> pairs = interactive ? readInteractively(new BufferedReader(reader), out)
                    : readAll(new BufferedReader(reader));
            if (pairs.isEmpty()) {
                err.println("braid-deferred-simulator: no callback/errback pairs given");
                return 2;
            }
            Chain chain = new Chain(pairs);
            out.print(narrow ? Diagrams.narrow(chain) : Diagrams.wide(chain));
            out.flush();
            return 0;
        } catch (BadLine bad) {
            err.println("braid-deferred-simulator: " + bad.getMessage());
            return 2;
        } catch (NoSuchFileException missing) {
            err.println("braid-deferred-simulator: no such file: " + missing.getFile());
            return 2;
        } catch (IOException e) {
            err.println("braid-deferred-simulator: cannot read the input: " + e.getMessage());
            return 2;
        }
    }

    /** A bad line of a file or pipe. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message);
        }
    }

    private static List<Chain.Pair> readAll(BufferedReader in) throws IOException, BadLine {
        List<Chain.Pair> pairs = new ArrayList<>();
        int number = 0;
        String line;
        while ((line = in.readLine()) != null) {
            number++;
            try {
                Chain.Pair pair = PairParser.parse(line);
                if (pair == null) {
                    if (!pairs.isEmpty() && line.isBlank()) {
                        break; // a blank line ends the chain
                    }
                    continue; // leading blank lines and comments
                }
                pairs.add(pair);
            } catch (PairParser.BadInput bad) {
                throw new BadLine("line " + number + ": " + bad.getMessage() + ": " + line.strip());
            }
        }
        return pairs;
    }

    private static List<Chain.Pair> readInteractively(BufferedReader in, PrintStream out) throws IOException {
        out.println(INSTRUCTIONS);
        List<Chain.Pair> pairs = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            try {
                Chain.Pair pair = PairParser.parse(line);
                if (pair != null) {
                    pairs.add(pair);
                } else if (line.isBlank()) {
                    if (!pairs.isEmpty()) {
                        break;
                    }
                    out.println("You must enter at least one pair.");
                }
            } catch (PairParser.BadInput bad) {
                out.println("ERROR: " + bad.getMessage());
            }
        }
        return pairs;
    }
}
