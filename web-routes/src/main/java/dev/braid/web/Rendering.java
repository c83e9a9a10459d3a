package dev.braid.web;

import dev.braid.deferred.Deferred;
import dev.braid.web.internal.Html;
import java.nio.charset.StandardCharsets;

/**
 * Traversal and rendering shared by the Site and by resources that continue
 * traversal from a resource of their own (the guard's avatar, a virtual
 * host): Twisted's {@code getChildForRequest} plus {@code render}, with
 * UnsupportedMethod turned into the 405/501 pages.
 */
public final class Rendering {
    private Rendering() {
    }

    /**
     * Walks {@code request.postpath()} from {@code from} (moving segments to
     * prepath) and renders what it finds.
     *
     * @param from where traversal starts
     * @param request the request
     * @return what the found resource's render returned, or {@link Resource#NOT_DONE_YET}
     *     when an error page was already sent
     * @throws Exception whatever render throws
     */
    public static Object traverseAndRender(Resource from, Request request) throws Exception {
        Resource resource = traverse(from, request);
        try {
            Object result = resource.render(request);
            return result instanceof Deferred<?> d ? new RenderedDeferred(resource, d) : withResource(resource, result);
        } catch (UnsupportedMethod unsupported) {
            notAllowed(request, unsupported);
            return Resource.NOT_DONE_YET;
        }
    }

    /**
     * Walks {@code request.postpath()} from {@code from} while the resource is not a leaf.
     *
     * @param from where to start
     * @param request the request
     * @return the resource found
     */
    public static Resource traverse(Resource from, Request request) {
        Resource resource = from;
        while (!request.postpath().isEmpty() && !resource.isLeaf()) {
            String segment = request.postpath().removeFirst();
            request.prepath().add(segment);
            resource = resource.getChildWithDefault(segment, request);
        }
        return resource;
    }

    /** A render result remembered with its resource, for the "did not return bytes" page. */
    private record Rendered(Resource resource, Object result) {
    }

    /** A Deferred result remembered with its resource. */
    private record RenderedDeferred(Resource resource, Deferred<?> deferred) {
    }

    private static Object withResource(Resource resource, Object result) {
        if (result instanceof byte[] || result instanceof String || result == Resource.NOT_DONE_YET) {
            return result;
        }
        return new Rendered(resource, result);
    }

    /**
     * Answers the request with a render result: bytes or a String as the
     * body, a Deferred's result when it fires (its failure as an error page),
     * nothing for NOT_DONE_YET, and a 500 for anything else.
     *
     * @param request the request
     * @param result what {@link #traverseAndRender} or a render returned
     */
    public static void deliver(Request request, Object result) {
        switch (result) {
            case byte[] bytes -> request.finishWith(bytes);
            case String text -> request.finishWith(text.getBytes(StandardCharsets.UTF_8));
            case RenderedDeferred(Resource resource, Deferred<?> deferred) -> deliverLater(request, resource, deferred);
            case Deferred<?> deferred -> deliverLater(request, null, deferred);
            case Rendered(Resource resource, Object value) -> notBytes(request, resource, value);
            case null -> notBytes(request, null, null);
            default -> {
                if (result != Resource.NOT_DONE_YET) {
                    notBytes(request, null, result);
                }
            }
        }
    }

    private static void deliverLater(Request request, Resource resource, Deferred<?> deferred) {
        deferred.addCallbacks(value -> {
            if (!request.finished()) {
                if (value == null) {
                    request.finish();
                } else {
                    deliver(request, resource == null ? value : withResource(resource, value));
                }
            }
            return null;
        }, failure -> {
            request.processingFailed(failure);
            return null;
        });
    }

    static void notBytes(Request request, Resource resource, Object value) {
        String body = "<html><head><title>500 - Request did not return bytes</title></head><body>"
                + "<h1>Request did not return bytes</h1><p>Request: <pre>" + Html.escape(request.toString())
                + "</pre><br />Resource: <pre>" + Html.escape(String.valueOf(resource)) + "</pre><br />Value: <pre>"
                + Html.escape(String.valueOf(value)) + "</pre></p></body></html>";
        request.setResponseCode(500);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        request.finishWith(body.getBytes(StandardCharsets.UTF_8));
    }

    static void notAllowed(Request request, UnsupportedMethod unsupported) {
        String method = request.method();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("POST")) {
            String allowed = String.join(", ", unsupported.allowedMethods());
            request.setResponseCode(405);
            request.setHeader("Allow", allowed);
            request.setHeader("Content-Type", "text/html; charset=utf-8");
            String noun = unsupported.allowedMethods().size() == 1 ? "method" : "methods";
            request.finishWith(ErrorPage.page(405, "Method Not Allowed", "Your browser approached me (at "
                    + request.uri() + ") with the method \"" + method + "\".  I only allow the " + noun + " "
                    + allowed + " here.").getBytes(StandardCharsets.UTF_8));
        } else {
            request.setResponseCode(501);
            request.setHeader("Content-Type", "text/html; charset=utf-8");
            request.finishWith(ErrorPage.page(501, "Huh?", "I don't know how to treat a " + method + " request.")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
