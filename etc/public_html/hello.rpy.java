import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.script.ResourceScript;
import dev.braid.web.script.ScriptContext;

/** A resource script (Twisted's .rpy): edit this file and reload the page to see it recompiled. */
public class Hello implements ResourceScript {
    @Override
    public Resource resource(ScriptContext context) {
        context.cache();   // keep one resource, so the counter survives between requests
        return new Resource() {
            private int visits;

            @Override
            protected Object renderGet(Request request) {
                visits++;
                return "<html><body><p>Hello from a resource script: visit #" + visits + "</p></body></html>";
            }
        };
    }
}
