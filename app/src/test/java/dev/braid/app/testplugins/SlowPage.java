package dev.braid.app.testplugins;

import dev.braid.deferred.log.Log;
import dev.braid.web.Request;
import dev.braid.web.Resource;

/**
 * A root resource for {@code braid web --class} in the launcher's tests: logs
 * {@code slow page started} when a request arrives, then answers
 * {@code slow page done} after {@code ?seconds=S} (on the request's loop).
 */
public final class SlowPage extends Resource {
    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    protected Object renderGet(Request request) {
        double seconds = Double.parseDouble(request.arg("seconds").orElse("1"));
        Log.msg("slow page started");
        request.loop().callLater(seconds, () -> {
            request.write("slow page done");
            request.finish();
        });
        return NOT_DONE_YET;
    }
}
