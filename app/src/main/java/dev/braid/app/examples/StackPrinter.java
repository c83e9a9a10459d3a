package dev.braid.app.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * Python's {@code traceback.print_stack()} for Java: the calling thread's
 * frames, outermost first (most recent call last), one
 * {@code File "...", line N, in ...} line each.
 */
final class StackPrinter {
    private StackPrinter() {
    }

    static void printStack(PrintStream err) {
        List<StackTraceElement> frames = List.of(Thread.currentThread().getStackTrace());
        // Leave out Thread.getStackTrace and this method.
        List<StackTraceElement> callers = frames.subList(2, frames.size()).reversed();
        StringBuilder text = new StringBuilder();
        for (StackTraceElement frame : callers) {
            text.append("  File \"").append(frame.getFileName()).append("\", line ").append(frame.getLineNumber())
                    .append(", in ").append(frame.getClassName()).append('.').append(frame.getMethodName()).append('\n');
        }
        err.print(text);
        err.flush();
    }
}
