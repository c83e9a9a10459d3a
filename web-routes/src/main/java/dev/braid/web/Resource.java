package dev.braid.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node of a web site's resource tree (Twisted's {@code twisted.web.resource.Resource}).
 *
 * <h2>Traversal</h2>
 * For each path segment, the {@link Site} asks the current resource for a child
 * with {@link #getChildWithDefault}: a child added with {@link #putChild} wins;
 * otherwise {@link #getChild} decides (by default: 404). Traversal stops at a
 * resource whose {@link #isLeaf()} is true; the remaining segments stay in
 * {@link Request#postpath()}. {@code putChild("", index)} serves {@code /dir/}.
 *
 * <h2>Rendering</h2>
 * {@link #render} calls the {@code renderGet}, {@code renderPost}, ... method
 * for the request's method. A render method returns one of:
 * <ul>
 *   <li>a {@code byte[]} or a {@code String} (sent as UTF-8): the response body;
 *       the request is finished;</li>
 *   <li>a {@link dev.braid.deferred.Deferred}: its result (bytes or a String) is
 *       the body when it fires; a failure becomes an error page;</li>
 *   <li>{@link #NOT_DONE_YET}: the resource writes and finishes the request
 *       itself, now or later, with {@link Request#write} and {@link Request#finish}.</li>
 * </ul>
 * All three look the same to the client. {@code HEAD} runs {@code renderGet}
 * and drops the body. A method the resource does not implement gives 405 with
 * an {@code Allow} header for GET, HEAD and POST, and 501 for any other method,
 * as Twisted does.
 *
 * <p>Unlike Twisted, {@code Allow} lists {@code HEAD} only when {@code renderGet}
 * exists (Twisted advertises HEAD and then fails it with a 500).
 *
 * <pre>{@code
 * final class Hello extends Resource {
 *     @Override public boolean isLeaf() { return true; }
 *     @Override protected Object renderGet(Request request) { return "hello"; }
 * }
 * Resource root = new Resource();
 * root.putChild("hello", new Hello());
 * }</pre>
 *
 * <p>A tree is built before serving and then only read; {@code putChild} is
 * nevertheless safe to call while requests are being served.
 */
public class Resource {
    /** Returned by a render method that will write and finish the request itself. */
    public static final Object NOT_DONE_YET = new Object() {
        @Override
        public String toString() {
            return "NOT_DONE_YET";
        }
    };

    /** The render methods, by HTTP method, in the order Allow lists them. */
    private static final List<String[]> RENDERERS = List.of(
            new String[] {"GET", "renderGet"},
            new String[] {"POST", "renderPost"},
            new String[] {"PUT", "renderPut"},
            new String[] {"DELETE", "renderDelete"},
            new String[] {"PATCH", "renderPatch"},
            new String[] {"OPTIONS", "renderOptions"});
    private static final Map<Class<?>, List<String>> ALLOWED = new ConcurrentHashMap<>();

    private final Map<String, Resource> children = new ConcurrentHashMap<>();

    /** Creates a resource with no children. */
    public Resource() {
    }

    /**
     * Adds a static child, found before {@link #getChild} is asked.
     *
     * @param path the path segment (unquoted), {@code ""} for the index of a directory
     * @param child the child resource
     */
    public void putChild(String path, Resource child) {
        children.put(path, child);
    }

    /**
     * Returns the static children added with {@link #putChild}.
     *
     * @return an unmodifiable snapshot
     */
    public Map<String, Resource> children() {
        return Map.copyOf(children);
    }

    /**
     * Returns whether traversal stops here (Twisted's {@code isLeaf}).
     *
     * @return false by default
     */
    public boolean isLeaf() {
        return false;
    }

    /**
     * Returns the child for {@code path} when no static child matches.
     *
     * @param path the unquoted path segment
     * @param request the request being traversed
     * @return by default, a 404 {@link ErrorPage#noResource()}
     */
    public Resource getChild(String path, Request request) {
        return ErrorPage.noResource();
    }

    /**
     * Returns the static child for {@code path}, or else {@link #getChild}.
     *
     * @param path the unquoted path segment
     * @param request the request being traversed
     * @return the child
     */
    public Resource getChildWithDefault(String path, Request request) {
        Resource child = children.get(path);
        return child != null ? child : getChild(path, request);
    }

    /**
     * Renders the request by calling the render method for its HTTP method.
     *
     * @param request the request
     * @return bytes, a String, a Deferred, or {@link #NOT_DONE_YET}
     * @throws UnsupportedMethod if this resource does not implement the method
     * @throws Exception whatever the render method throws (it becomes an error page)
     */
    public Object render(Request request) throws Exception {
        return switch (request.method()) {
            case "GET" -> overrides("GET") ? renderGet(request) : unsupported();
            case "HEAD" -> overrides("GET") ? renderHead(request) : unsupported();
            case "POST" -> overrides("POST") ? renderPost(request) : unsupported();
            case "PUT" -> overrides("PUT") ? renderPut(request) : unsupported();
            case "DELETE" -> overrides("DELETE") ? renderDelete(request) : unsupported();
            case "PATCH" -> overrides("PATCH") ? renderPatch(request) : unsupported();
            case "OPTIONS" -> overrides("OPTIONS") ? renderOptions(request) : unsupported();
            default -> unsupported();
        };
    }

    /**
     * Returns the methods this resource renders, as {@code Allow} lists them.
     *
     * @return for example {@code [HEAD, GET, POST]}
     */
    public List<String> allowedMethods() {
        return ALLOWED.computeIfAbsent(getClass(), Resource::computeAllowed);
    }

    private boolean overrides(String method) {
        return allowedMethods().contains(method);
    }

    private Object unsupported() {
        throw new UnsupportedMethod(allowedMethods());
    }

    private static List<String> computeAllowed(Class<?> type) {
        List<String> allowed = new ArrayList<>();
        for (String[] renderer : RENDERERS) {
            if (declaredBelowResource(type, renderer[1])) {
                if (renderer[0].equals("GET")) {
                    allowed.add("HEAD");
                }
                allowed.add(renderer[0]);
            }
        }
        return List.copyOf(allowed);
    }

    private static boolean declaredBelowResource(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Resource.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == Request.class) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Renders GET. Not implemented here: override it.
     *
     * @param request the request
     * @return the body, a Deferred of it, or {@link #NOT_DONE_YET}
     * @throws Exception to fail the request with an error page
     */
    protected Object renderGet(Request request) throws Exception {
        return unsupported();
    }

    /**
     * Renders HEAD: by default {@link #renderGet}, whose body is dropped.
     *
     * @param request the request
     * @return what renderGet returns
     * @throws Exception to fail the request
     */
    protected Object renderHead(Request request) throws Exception {
        return renderGet(request);
    }

    /**
     * Renders POST. Not implemented here: override it.
     *
     * @param request the request
     * @return the body, a Deferred of it, or {@link #NOT_DONE_YET}
     * @throws Exception to fail the request
     */
    protected Object renderPost(Request request) throws Exception {
        return unsupported();
    }

    /**
     * Renders PUT. Not implemented here: override it.
     *
     * @param request the request
     * @return the body, a Deferred of it, or {@link #NOT_DONE_YET}
     * @throws Exception to fail the request
     */
    protected Object renderPut(Request request) throws Exception {
        return unsupported();
    }

    /**
     * Renders DELETE. Not implemented here: override it.
     *
     * @param request the request
     * @return the body, a Deferred of it, or {@link #NOT_DONE_YET}
     * @throws Exception to fail the request
     */
    protected Object renderDelete(Request request) throws Exception {
        return unsupported();
    }

    /**
     * Renders PATCH. Not implemented here: override it.
     *
     * @param request the request
     * @return the body, a Deferred of it, or {@link #NOT_DONE_YET}
     * @throws Exception to fail the request
     */
    protected Object renderPatch(Request request) throws Exception {
        return unsupported();
    }

    /**
     * Renders OPTIONS. Not implemented here: override it.
     *
     * @param request the request
     * @return the body, a Deferred of it, or {@link #NOT_DONE_YET}
     * @throws Exception to fail the request
     */
    protected Object renderOptions(Request request) throws Exception {
        return unsupported();
    }
}
