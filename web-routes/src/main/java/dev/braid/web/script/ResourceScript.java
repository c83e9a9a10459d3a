package dev.braid.web.script;

import dev.braid.web.Resource;

/**
 * What a resource script defines (Twisted's {@code .rpy} file): a file ending
 * in {@code .rpy.java} holds one public class implementing this interface,
 * with a public no-argument constructor.
 *
 * <pre>{@code
 * // hello.rpy.java
 * import dev.braid.web.*;
 * import dev.braid.web.script.*;
 *
 * public class Hello implements ResourceScript {
 *     public Resource resource(ScriptContext context) {
 *         context.cache();                   // one resource for every request, until the file changes
 *         return new Resource() {
 *             int visits;
 *             protected Object renderGet(Request request) { return "visit " + ++visits; }
 *         };
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ResourceScript {
    /**
     * Makes the resource to serve.
     *
     * @param context the script's file, its shared registry, and {@link ScriptContext#cache()}
     * @return the resource
     * @throws Exception to answer with an error page
     */
    Resource resource(ScriptContext context) throws Exception;
}
