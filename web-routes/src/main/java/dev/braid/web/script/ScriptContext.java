package dev.braid.web.script;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentMap;

/**
 * What a {@link ResourceScript} may use: its file, a registry shared by every
 * script of the same {@link ResourceScripts} (Twisted's {@code registry}), and
 * {@link #cache()}.
 *
 * @param path the script file
 * @param registry state shared between scripts and across reloads
 * @param cacheRequest set by {@link #cache()}
 */
public record ScriptContext(Path path, ConcurrentMap<String, Object> registry, boolean[] cacheRequest) {
    /**
     * Asks for the returned resource to be kept and used for every request
     * until the file changes (Twisted's {@code cache()}); otherwise a fresh
     * resource is made per request.
     */
    public void cache() {
        cacheRequest[0] = true;
    }
}
