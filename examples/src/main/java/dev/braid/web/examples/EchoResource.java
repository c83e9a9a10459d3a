package dev.braid.web.examples;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Threads;
import dev.braid.deferred.threads.InThread;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.session.Session;
import dev.braid.web.session.SessionValues;
import java.util.function.BiFunction;

/**
 * The "deferred vs blocking" page from the Stack Overflow question this
 * project grew from: a per-session page counter, the page built by
 * {@code deferToThread}, then written and finished by callbacks, with
 * {@code ?raise=E1..E5} raising at the five places the question marks:
 * <ul>
 *   <li>E1 inside the threaded function,</li>
 *   <li>E2 in a callback before {@code write},</li>
 *   <li>E3 after {@code write}, before {@code finish},</li>
 *   <li>E4 after {@code finish},</li>
 *   <li>E5 in the render method before it returns.</li>
 * </ul>
 * {@link Errback#PROCESSING_FAILED} ends the chain with
 * {@code request::processingFailed}, as Twisted's answer recommends;
 * {@link Errback#RETURN_FAILURE} is the question's original errback, which just
 * returns the failure — in Twisted that leaves the browser waiting for E1 and
 * E2; Braid's never-hang rule answers with the traceback anyway.
 */
public final class EchoResource extends Resource {
    /** How the chain ends. */
    public enum Errback {
        /** {@code d.addErrback(request::processingFailed)}. */
        PROCESSING_FAILED,
        /** {@code d.addErrback(failure -> failure)}: the question's original code. */
        RETURN_FAILURE
    }

    /**
     * The per-session counter: the first view is #1. It counts in the session's
     * values (under {@value #VIEWS}), so servers sharing a session store share it.
     */
    static final class Counter {
        /** The name of the count in the session's values. */
        static final String VIEWS = "echo.views";

        private final SessionValues values;

        Counter(Session session) {
            this.values = session.values();
        }

        int next() {
            return Math.toIntExact(values.increment(VIEWS, 1));
        }
    }

    /** The threaded function turned into one returning a Deferred by the decorator. */
    private static final BiFunction<Integer, String, Deferred<String>> PAGE_IN_THREAD = InThread.inThread(EchoResource::page);

    private final Errback errback;
    private final boolean decorated;

    /**
     * Creates the page, calling {@code deferToThread} itself.
     *
     * @param errback how its chain handles failures
     */
    public EchoResource(Errback errback) {
        this(errback, false);
    }

    private EchoResource(Errback errback, boolean decorated) {
        this.errback = errback;
        this.decorated = decorated;
    }

    /**
     * The same page with the threaded function wrapped once by
     * {@link InThread#inThread} (the question's "decorator"): the browser sees
     * exactly what {@code /echo} shows, tracebacks included.
     *
     * @return the page
     */
    public static EchoResource threaded() {
        return new EchoResource(Errback.PROCESSING_FAILED, true);
    }

    @Override
    protected Object renderGet(Request request) {
        request.setHeader("Content-Type", "text/html; charset=UTF-8");
        String raiseAt = request.arg("raise").orElse("");
        int count = request.getSession().component(Counter.class, Counter::new).next();

        Deferred<String> d = decorated ? PAGE_IN_THREAD.apply(count, raiseAt)
                : Threads.deferToThread(() -> page(count, raiseAt));
        Deferred<Object> chain = d.addCallback(page -> {
            if (raiseAt.equals("E2")) {
                throw new IllegalStateException("E2: raised before write");
            }
            request.write(page);
            return null;
        }).addCallback(ignored -> {
            if (raiseAt.equals("E3")) {
                throw new IllegalStateException("E3: raised after write, before finish");
            }
            request.finish();
            if (raiseAt.equals("E4")) {
                throw new IllegalStateException("E4: raised after finish");
            }
            return null;
        });
        if (errback == Errback.PROCESSING_FAILED) {
            chain.addErrback(request::processingFailed);
        } else {
            chain.addErrback(failure -> failure);
        }
        if (raiseAt.equals("E5")) {
            throw new IllegalStateException("E5: raised in render before returning");
        }
        return NOT_DONE_YET;
    }

    /** The threaded function (the question's {@code callback1}). */
    static String page(int count, String raiseAt) {
        if (raiseAt.equals("E1")) {
            throw new IllegalArgumentException("E1: raised inside the threaded function");
        }
        return "<html><body>\n<p>Page view #" + count + " in this session</p>\n</body></html>\n";
    }
}
