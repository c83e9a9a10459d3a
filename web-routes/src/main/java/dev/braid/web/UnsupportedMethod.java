package dev.braid.web;

import java.io.Serial;
import java.util.List;

/**
 * Thrown by {@link Resource#render} for a method the resource does not
 * implement (Twisted's {@code server.UnsupportedMethod}); the Site answers 405
 * with {@code Allow} for GET, HEAD and POST, and 501 for other methods.
 */
public class UnsupportedMethod extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial")   // always a List.copyOf, which is serializable
    private final List<String> allowedMethods;

    /**
     * Creates the error.
     *
     * @param allowedMethods the methods the resource does implement
     */
    public UnsupportedMethod(List<String> allowedMethods) {
        super("allowed: " + allowedMethods, null, false, false);
        this.allowedMethods = List.copyOf(allowedMethods);
    }

    /**
     * Returns the methods the resource implements.
     *
     * @return the methods, in Allow order
     */
    public List<String> allowedMethods() {
        return allowedMethods;
    }
}
