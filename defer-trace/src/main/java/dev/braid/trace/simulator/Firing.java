package dev.braid.trace.simulator;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;

/**
 * The firing pattern of a chain fired with {@code callback("initial")} or
 * {@code errback(Exception("initial"))} (the tutorial's {@code FiredDeferred}).
 * The path is found by firing a real Braid Deferred whose callbacks draw each
 * step as it runs, so the diagram shows Braid's chain semantics, not a model
 * of them.
 */
final class Firing {
    /** Which way the chain is fired. */
    enum Method {
        CALLBACK,
        ERRBACK
    }

    static final int CALLBACK_Y_OFFSET = 4;

    private final Chain chain;
    private final Method method;

    Firing(Chain chain, Method method) {
        this.chain = chain;
        this.method = method;
    }

    int height() {
        return chain.height() + 8;
    }

    /** Draws the firing pattern with its top left at (x, y). */
    void draw(Canvas canvas, int x, int y) {
        Deferred<Object> d = new Path(canvas, x, y).drawingDeferred();
        if (method == Method.CALLBACK) {
            d.callback("initial");
        } else {
            d.errback(new Failure(new Exception("initial")));
        }
    }

    /** The drawing state of one firing: where the previous step was drawn. */
    private final class Path {
        private final Canvas canvas;
        private final int x;
        private final int y;
        private final int boxWidth = chain.boxWidth();
        private final int callbackMidX;
        private final int errbackLeftX;
        private final int errbackMidX;
        private int lastX;
        private int lastY;

        Path(Canvas canvas, int x, int y) {
            this.canvas = canvas;
            this.x = x;
            this.y = y;
            this.callbackMidX = x - 1 + boxWidth / 2;
            this.errbackLeftX = x + boxWidth + 2;
            this.errbackMidX = errbackLeftX - 1 + boxWidth / 2;
        }

        Deferred<Object> drawingDeferred() {
            Deferred<Object> d = new Deferred<>();
            d.addBoth(this::start);
            for (Chain.Pair pair : chain.pairs()) {
                d.addCallbacks(result -> step(pair.callback(), x, result),
                        failure -> step(pair.errback(), errbackLeftX, failure));
            }
            d.addBoth(this::end);
            return d;
        }

        private Object start(Object result) {
            drawValue(result, y);
            lastX = result instanceof Failure ? errbackLeftX : x;
            lastY = y + 4;
            return result;
        }

        private Object step(Step step, int column, Object result) {
            step.drawActive(canvas, column, lastY, boxWidth, result);
            connect(column);
            lastX = column;
            lastY += Step.HEIGHT + 3;
            return step.apply(result);
        }

        private Object end(Object result) {
            drawValue(result, lastY);
            connect(result instanceof Failure ? errbackLeftX : x);
            return null;
        }

        private void drawValue(Object result, int row) {
            if (result instanceof Failure) {
                canvas.text(errbackLeftX - 10, row, PythonText.center(Step.shown(result), boxWidth + 20));
            } else {
                canvas.text(x, row, PythonText.center(Step.shown(result), boxWidth));
            }
        }

        /** The arrow from the previous step into the box at {@code column}, crossing over if it changed sides. */
        private void connect(int column) {
            if (lastX == column) {
                canvas.verticalLine(column - 1 + boxWidth / 2, lastY - 3, 3, true);
                return;
            }
            if (lastX < column) {
                canvas.verticalLine(callbackMidX, lastY - 3, 2, false);
                canvas.verticalLine(errbackMidX, lastY - 2, 2, true);
            } else {
                canvas.verticalLine(errbackMidX, lastY - 3, 2, false);
                canvas.verticalLine(callbackMidX, lastY - 2, 2, true);
            }
            canvas.horizontalLine(callbackMidX + 1, lastY - 2, errbackMidX - callbackMidX - 1);
        }
    }
}
