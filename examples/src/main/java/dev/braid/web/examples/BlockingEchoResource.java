package dev.braid.web.examples;

import dev.braid.web.Request;
import dev.braid.web.Resource;

/**
 * The same page as {@link EchoResource}, doing the same work synchronously in
 * the render method: the browser cannot tell the two apart, including the
 * error pages for {@code ?raise=E1..E5}.
 */
public final class BlockingEchoResource extends Resource {
    @Override
    protected Object renderGet(Request request) {
        request.setHeader("Content-Type", "text/html; charset=UTF-8");
        String raiseAt = request.arg("raise").orElse("");
        int count = request.getSession().component(EchoResource.Counter.class, EchoResource.Counter::new).next();
        if (raiseAt.equals("E5")) {
            // The deferred page raises E5 before any of its work has happened; so does this one.
            throw new IllegalStateException("E5: raised in render before returning");
        }
        String page = EchoResource.page(count, raiseAt);
        if (raiseAt.equals("E2")) {
            throw new IllegalStateException("E2: raised before write");
        }
        request.write(page);
        if (raiseAt.equals("E3")) {
            throw new IllegalStateException("E3: raised after write, before finish");
        }
        request.finish();
        if (raiseAt.equals("E4")) {
            throw new IllegalStateException("E4: raised after finish");
        }
        return NOT_DONE_YET;
    }
}
