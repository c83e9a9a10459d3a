package dev.braid.trace.simulator;

/**
 * Lays out the three diagrams of a chain — the chain, its firing by
 * {@code callback}, its firing by {@code errback} — side by side or one after
 * the other, exactly as the tutorial's {@code deferred-simulator.py} does.
 */
public final class Diagrams {
    private Diagrams() {
    }

    /**
     * Draws the three diagrams side by side on one canvas.
     *
     * @param chain the chain
     * @param canvas where to draw
     */
    public static void drawWide(Chain chain, Canvas canvas) {
        int width = chain.width();
        Firing callback = new Firing(chain, Firing.Method.CALLBACK);
        Firing errback = new Firing(chain, Firing.Method.ERRBACK);
        canvas.text(0, 0, PythonText.center("Deferred", width));
        canvas.text(0, 1, PythonText.center("--------", width));
        canvas.text(width + 6, 0, PythonText.center("d.callback(initial)", width));
        canvas.text(width + 6, 1, PythonText.center("-------------------", width));
        canvas.text(2 * (width + 6), 0, PythonText.center("d.errback(initial*)", width));
        canvas.text(2 * (width + 6), 1, PythonText.center("-------------------", width));
        chain.draw(canvas, 0, Firing.CALLBACK_Y_OFFSET + 3);
        callback.draw(canvas, width + 6, 3);
        errback.draw(canvas, 2 * (width + 6), 3);
        canvas.verticalLine(width + 3, 3, callback.height(), false);
        canvas.verticalLine(width + 3 + width + 6, 3, callback.height(), false);
    }

    /**
     * Returns the three diagrams side by side as text (the simulator's default).
     *
     * @param chain the chain
     * @return the text, ending with a blank line as Python's {@code print(screen)} does
     */
    public static String wide(Chain chain) {
        AsciiCanvas canvas = new AsciiCanvas();
        drawWide(chain, canvas);
        return canvas + "\n";
    }

    /**
     * Returns the three diagrams one after the other ({@code --narrow}).
     *
     * @param chain the chain
     * @return the text
     */
    public static String narrow(Chain chain) {
        int width = chain.width();
        AsciiCanvas first = new AsciiCanvas();
        first.text(0, 1, PythonText.center("Deferred", width));
        first.text(0, 2, PythonText.center("--------", width));
        chain.draw(first, 0, 4);
        return first + "\n"
                + firing(chain, Firing.Method.CALLBACK, "d.callback(initial)") + "\n"
                + firing(chain, Firing.Method.ERRBACK, "d.errback(initial*)") + "\n";
    }

    private static String firing(Chain chain, Firing.Method method, String title) {
        int width = chain.width();
        AsciiCanvas canvas = new AsciiCanvas();
        canvas.text(0, 2, PythonText.center(title, width));
        canvas.text(0, 3, PythonText.center("-------------------", width));
        new Firing(chain, method).draw(canvas, 0, 5);
        return canvas.toString();
    }
}
